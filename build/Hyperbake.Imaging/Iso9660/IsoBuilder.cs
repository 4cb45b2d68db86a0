using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Iso9660.Layout;
using Hyperbake.Imaging.Iso9660.Writing;
using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Iso9660;

/// <summary>
/// Writes an ISO 9660 image of a <see cref="FileTree"/>: Rock Ridge (POSIX names, modes, owners,
/// links, symlinks, devices, mtimes) and Joliet by default, optional El Torito UEFI/BIOS boot
/// entries. The layout is computed once, then bytes are streamed; identical inputs and options
/// give identical bytes.
/// </summary>
/// <example><code>
/// var iso = new IsoBuilder(tree, new IsoOptions { VolumeLabel = "EVEISO", SourceDateEpoch = sde,
///     ElTorito = new ElToritoOptions { EfiImage = esp, EfiImagePath = "boot/efi.img" } });
/// iso.WriteTo("installer.iso");
/// </code></example>
public sealed class IsoBuilder(FileTree tree, IsoOptions options) : IFileSystemBuilder
{
    private IsoLayout? layout;

    public IsoBuilder(FileTree tree)
        : this(tree, new IsoOptions())
    {
    }

    public long ComputeSize() => Layout().TotalBlocks * Structures.IsoLayoutConstants.BlockSize;

    public void WriteTo(Stream output) => new IsoImageWriter(Layout()).WriteTo(output);

    /// <summary>Writes the image to a temporary name beside <paramref name="path"/> and renames it, so a failed build leaves no finished-looking file.</summary>
    public void WriteTo(string path)
    {
        OutputFile.Write(path, 1 << 20, WriteTo);
    }

    private IsoLayout Layout() => layout ??= IsoLayout.Plan(tree, options);
}
