using Hyperbake.Imaging.Ext.Layout;
using Hyperbake.Imaging.Ext.Writing;
using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Ext;

/// <summary>
/// Writes an ext2, ext3 or ext4 image of a <see cref="FileTree"/> without mkfs, root or loop
/// devices. The layout (size, groups, inodes, directories, journal) is computed first; the
/// bytes are then streamed once, file contents read one at a time, so memory stays bounded by
/// the tree's metadata, not its data.
/// </summary>
/// <example>
/// <code>
/// var builder = new ExtFileSystemBuilder(tree, new ExtFileSystemOptions { Label = "rootfs", SourceDateEpoch = sde, Seed = recipeHash });
/// using var image = File.Create("rootfs.ext4");
/// builder.WriteTo(image);
/// </code>
/// </example>
public sealed class ExtFileSystemBuilder(FileTree tree, ExtFileSystemOptions? options = null) : IFileSystemBuilder
{
    private readonly ExtFileSystemOptions _options = options ?? new ExtFileSystemOptions();
    private ExtLayout? _layout;
    private bool _written;

    public long ComputeSize() => Layout().ImageSize;

    /// <summary>Writes the image. The layout's data placement is consumed by the write, so each builder writes once.</summary>
    public void WriteTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_written)
        {
            // Data blocks are placed while streaming; a fresh layout keeps a second write identical.
            _layout = null;
        }

        _written = true;
        new ExtImageWriter(Layout(), output).Write();
    }

    private ExtLayout Layout() => _layout ??= ExtLayoutPlanner.Plan(tree, _options);
}
