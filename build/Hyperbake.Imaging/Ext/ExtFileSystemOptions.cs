namespace Hyperbake.Imaging.Ext;

/// <summary>
/// How to lay out an ext2/ext3/ext4 image. Everything that mke2fs would take from the clock or
/// from /dev/urandom (times, UUID, hash seed) comes from here, so two builds are identical.
/// </summary>
public sealed class ExtFileSystemOptions
{
    public ExtRevision Revision { get; init; } = ExtRevision.Ext4;

    /// <summary>The image size in bytes; null computes it from the content plus the extra space.</summary>
    public long? Size { get; init; }

    /// <summary>Free space added to a computed size, as a percentage of the content (Yocto's IMAGE_OVERHEAD_FACTOR 1.3 is 30).</summary>
    public double ExtraSpacePercent { get; init; } = 30;

    /// <summary>Free space added to a computed size, in bytes (Yocto's IMAGE_ROOTFS_EXTRA_SPACE, which is in KiB there).</summary>
    public long ExtraSpaceBytes { get; init; }

    /// <summary>1024, 2048 or 4096.</summary>
    public int BlockSize { get; init; } = 4096;

    /// <summary>The number of inodes; null picks it like <c>mke2fs</c> (one per 4, 8 or 16 KiB by size), never fewer than the tree needs.</summary>
    public long? InodeCount { get; init; }

    /// <summary>The volume label, at most 16 bytes of UTF-8.</summary>
    public string Label { get; init; } = "";

    /// <summary>The filesystem UUID; null derives it from <see cref="Seed"/>.</summary>
    public Guid? Uuid { get; init; }

    /// <summary>The htree hash seed; null derives it from <see cref="Seed"/>.</summary>
    public Guid? HashSeed { get; init; }

    /// <summary>
    /// The text the UUID and hash seed are derived from when not given (e.g. the recipe hash); null uses
    /// revision, label, time and the tree's shape (paths, kinds, modes, owners, sizes, times).
    /// </summary>
    public string? Seed { get; init; }

    /// <summary>SOURCE_DATE_EPOCH: the superblock's creation, write and check times.</summary>
    public long SourceDateEpoch { get; init; }

    public ExtDirectoryHash DirectoryHash { get; init; } = ExtDirectoryHash.HalfMd4;

    /// <summary>ext4 only: 64-bit block numbers and 64-byte group descriptors (mke2fs's default).</summary>
    public bool SixtyFourBit { get; init; } = true;

    /// <summary>Blocks reserved for root, as a percentage (mke2fs -m; default 5).</summary>
    public double ReservedBlocksPercent { get; init; } = 5;
}
