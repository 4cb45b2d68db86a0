using Hyperbake.Imaging.Ext.OnDisk;

namespace Hyperbake.Imaging.Ext.Layout;

/// <summary>
/// The computed layout of an image: geometry, where each group's metadata lives, every inode,
/// and the blocks already given to directories, long symlinks, xattr blocks and the journal.
/// Regular file data is placed while it streams (so all-zero blocks become holes), from the
/// allocator's cursor, into space the layout has proved is there.
/// </summary>
internal sealed class ExtLayout
{
    public required ExtFileSystemOptions Options { get; init; }

    public required ExtFeatures Features { get; init; }

    public required ExtGeometry Geometry { get; init; }

    public required BlockAllocator Allocator { get; init; }

    public required byte[] Uuid { get; init; }

    public required byte[] HashSeed { get; init; }

    public required byte[] Label { get; init; }

    /// <summary>Inodes by number (index 0 and unused reserved numbers are null).</summary>
    public required List<ExtInode?> Inodes { get; init; }

    public required long[] BlockBitmaps { get; init; }

    public required long[] InodeBitmaps { get; init; }

    public required long[] InodeTables { get; init; }

    public required long ImageSize { get; init; }

    public ExtInode? Journal { get; init; }

    public int BlockSize => Geometry.BlockSize;

    /// <summary>metadata_csum's filesystem seed, or null when the revision has no checksums.</summary>
    public uint? ChecksumSeed => Features.MetadataCsum ? MetadataChecksum.FilesystemSeed(Uuid) : null;
}
