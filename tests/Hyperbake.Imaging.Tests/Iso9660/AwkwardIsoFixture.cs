using Hyperbake.Imaging.Iso9660;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>
/// Builds the awkward tree's ISO once for all reference-tool tests: Rock Ridge, Joliet, and a
/// UEFI El Torito entry whose FAT image (made by mkfs.vfat) is shown at /boot/efi.img.
/// </summary>
public sealed class AwkwardIsoFixture : IDisposable
{
    public const string EfiImagePath = "boot/efi.img";

    public AwkwardIsoFixture()
    {
        Directory = new TempDirectory("hyperbake-iso-");
        Tree = AwkwardTree.Create();
        Tree.AddDirectory("boot").ModificationTime = AwkwardTree.Epoch;
        var esp = Directory["esp.img"];
        ExternalTool.Check("mkfs.vfat", "-C", "-i", "12345678", esp, "1440");
        EfiImage = File.ReadAllBytes(esp);
        Options = new IsoOptions
        {
            VolumeLabel = "Awkward-Test",
            SourceDateEpoch = AwkwardTree.Epoch,
            PublisherIdentifier = "Hyperbake tests",
            ApplicationIdentifier = "hyperbake",
            ElTorito = new ElToritoOptions { EfiImage = new BytesContent(EfiImage), EfiImagePath = EfiImagePath },
        };
        Builder = new IsoBuilder(Tree, Options);
        ImagePath = Directory["awkward.iso"];
        Builder.WriteTo(ImagePath);
    }

    public TempDirectory Directory { get; }

    public FileTree Tree { get; }

    public byte[] EfiImage { get; }

    public IsoOptions Options { get; }

    public IsoBuilder Builder { get; }

    public string ImagePath { get; }

    public void Dispose() => Directory.Dispose();
}
