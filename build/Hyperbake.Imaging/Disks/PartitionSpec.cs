using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Disks;

/// <summary>
/// One partition as the user describes it. Everything not given is computed by
/// <see cref="DiskLayout.ComputeLayout"/>: the start (next aligned offset), the size (the
/// content rounded up to the alignment), the number (next free slot) and the unique GUID
/// (derived from the layout's seed and the partition's number and name).
/// </summary>
public sealed class PartitionSpec
{
    public PartitionSpec(string name, PartitionType type, long? size = null, PartitionContent? content = null)
    {
        Name = name;
        Type = type;
        Size = size;
        Content = content ?? PartitionContent.Empty;
    }

    public PartitionSpec(string name, PartitionType type, long? size, IFileSystemBuilder content)
        : this(name, type, size, PartitionContent.FromBuilder(content))
    {
    }

    public PartitionSpec(string name, PartitionType type, long? size, IContentSource content)
        : this(name, type, size, PartitionContent.FromSource(content))
    {
    }

    /// <summary>The GPT partition name (UTF-16, at most 36 code units); for MBR only used in messages.</summary>
    public string Name { get; }

    public PartitionType Type { get; }

    /// <summary>The size in bytes (a multiple of 512); null = the content's size rounded up to the alignment.</summary>
    public long? Size { get; init; }

    /// <summary>Extends the partition to the end of the disk; only the last partition may grow.</summary>
    public bool Grow { get; init; }

    /// <summary>A fixed start offset in bytes (a multiple of the alignment); null = right after the previous partition.</summary>
    public long? Start { get; init; }

    /// <summary>The table slot (1-based, "partition number"); null = the lowest free slot. EVE puts IMGA in slot 2 and ESP-B in 7.</summary>
    public int? Number { get; init; }

    /// <summary>The GPT unique partition GUID; null = derived from the layout seed, number and name.</summary>
    public Guid? UniqueGuid { get; init; }

    /// <summary>GPT attribute bits (see <see cref="Partitions.Gpt.GptAttributes"/>).</summary>
    public ulong Attributes { get; init; }

    /// <summary>MBR active flag; on GPT it sets attribute bit 2 (legacy BIOS bootable), on hybrid both.</summary>
    public bool Bootable { get; init; }

    /// <summary>Hybrid tables only: mirror this partition into the MBR (at most three).</summary>
    public bool InHybridMbr { get; init; }

    /// <summary>The MBR type byte for MBR tables and hybrid mirrors, overriding the one from <see cref="Type"/> (EVE uses 0x0C for its ESP).</summary>
    public byte? MbrType { get; init; }

    public PartitionContent Content { get; }
}
