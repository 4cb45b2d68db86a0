namespace Hyperbake.Imaging.Disks;

/// <summary>A partition placed on the disk: where it is, what identifies it, and what fills it.</summary>
public sealed record PlannedPartition
{
    public required PartitionSpec Spec { get; init; }

    /// <summary>The table slot, 1-based.</summary>
    public required int Number { get; init; }

    public string Name => Spec.Name;

    /// <summary>The start in bytes.</summary>
    public required long Offset { get; init; }

    /// <summary>The size in bytes.</summary>
    public required long Size { get; init; }

    public long End => Offset + Size;

    public long FirstLba => Offset / DiskLayout.SectorSize;

    public long LastLba => (End / DiskLayout.SectorSize) - 1;

    /// <summary>The GPT type (null on MBR tables).</summary>
    public Guid? TypeGuid { get; init; }

    /// <summary>The GPT unique GUID (null on MBR tables).</summary>
    public Guid? UniqueGuid { get; init; }

    /// <summary>The MBR type byte (MBR tables and hybrid mirrors).</summary>
    public byte? MbrType { get; init; }

    public ulong Attributes { get; init; }

    public long ContentLength => Spec.Content.Length;
}
