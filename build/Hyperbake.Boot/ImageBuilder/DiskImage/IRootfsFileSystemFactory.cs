using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>What a rootfs partition is made of: its tree, its label (<c>vos_N</c>), its size and what to derive ids from.</summary>
public sealed record RootfsFileSystemRequest(FileTree Tree, string Label, long Size, long SourceDateEpoch, string Seed);

/// <summary>Formats a rootfs partition (disk_image runs <c>mkfs.ext4 -L vos_N</c>); pluggable so other filesystems can be used.</summary>
public interface IRootfsFileSystemFactory
{
    /// <summary>The filesystem's name, for messages ("ext4").</summary>
    string Name { get; }

    IFileSystemBuilder Create(RootfsFileSystemRequest request);
}
