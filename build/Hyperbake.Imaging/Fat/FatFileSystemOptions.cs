namespace Hyperbake.Imaging.Fat;

/// <summary>Options of <see cref="FatFileSystemBuilder"/>; everything not given is derived like mkfs.vfat does, never from the clock or randomness.</summary>
public sealed record FatFileSystemOptions
{
    /// <summary>The image size in bytes (a multiple of 512). Null: the smallest size that holds the tree, plus <see cref="HeadroomBytes"/>, rounded up to 1 MiB.</summary>
    public long? Size { get; init; }

    /// <summary>Free space added to a computed size.</summary>
    public long HeadroomBytes { get; init; } = 1 << 20;

    /// <summary>The FAT width; null chooses by size as mkfs.vfat does (FAT32 from 512 MiB, else FAT12 or FAT16 by cluster count).</summary>
    public FatType? FatType { get; init; }

    /// <summary>Sectors per cluster (1..128, a power of two); null chooses like mkfs.vfat.</summary>
    public int? SectorsPerCluster { get; init; }

    /// <summary>The volume label (up to 11 characters, stored upper case); null or empty means none ("NO NAME").</summary>
    public string? VolumeLabel { get; init; }

    /// <summary>The volume serial; null derives it from a hash of the tree and the label.</summary>
    public uint? VolumeId { get; init; }

    /// <summary>The 8-byte OEM name in the boot sector.</summary>
    public string OemName { get; init; } = "mkfs.fat";

    /// <summary>SOURCE_DATE_EPOCH: the time of the volume label entry (files and directories carry their own mtime).</summary>
    public long Timestamp { get; init; }

    /// <summary>Sectors before the filesystem on its disk (the partition's first LBA), recorded in the boot sector.</summary>
    public uint HiddenSectors { get; init; }

    public FatUnsupportedNodes UnsupportedNodes { get; init; } = FatUnsupportedNodes.Error;
}
