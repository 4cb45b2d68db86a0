using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>A file copied into the boot partition: the variable that named it, the host file and its path in the partition.</summary>
public sealed record BootFile(string Variable, string SourcePath, string TargetPath, long Length);

/// <summary>A rootfs partition: its number, the archive it comes from, the extracted tree and its size.</summary>
public sealed record RootfsPartition(int Number, string Variable, string Archive, FileTree Tree, long ContentBytes, long SizeMiB)
{
    /// <summary>disk_image's mkfs.ext4 -L label.</summary>
    public string Label => $"vos_{Number}";
}

/// <summary>
/// Everything <see cref="DiskImageGenerator"/> decided before writing: the table, the boot files, the rootfs
/// partitions (with the xl configs already added to Dom0's tree), the sizes and what disk_image would print.
/// </summary>
public sealed record DiskImagePlan
{
    public required PartitionTableType TableType { get; init; }

    public required IReadOnlyList<BootFile> BootFiles { get; init; }

    public required long BootPartitionMiB { get; init; }

    public required IReadOnlyList<RootfsPartition> RootfsPartitions { get; init; }

    /// <summary>The xl configs written into Dom0's /etc/xen (empty without DOM0_ROOTFS).</summary>
    public required IReadOnlyList<XlDomainConfig> XlConfigs { get; init; }

    public required long TotalMiB { get; init; }

    /// <summary>The text every derived identifier (disk signature, GUIDs, volume ids) is hashed from.</summary>
    public required string Seed { get; init; }

    /// <summary>What disk_image prints (<c>PART1 size: 108MB</c> …).</summary>
    public required IReadOnlyList<string> Messages { get; init; }

    /// <summary>Things that work but are probably not what was meant.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    public long TotalBytes => TotalMiB * ByteSize.MiB;
}
