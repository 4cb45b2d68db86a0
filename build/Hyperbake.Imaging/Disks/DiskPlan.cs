using System.Globalization;
using System.Text;
using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Imaging.Partitions.Mbr;

namespace Hyperbake.Imaging.Disks;

/// <summary>
/// A disk whose layout is fixed: every partition placed, every identifier decided, the size
/// known. Nothing is written yet; <see cref="DiskWriter"/> streams it into a file.
/// </summary>
public sealed class DiskPlan
{
    internal DiskPlan(DiskLayout layout, long totalSize, Guid? diskGuid, uint diskSignature, string seed, IReadOnlyList<PlannedPartition> partitions)
    {
        Layout = layout;
        TotalSize = totalSize;
        DiskGuid = diskGuid;
        DiskSignature = diskSignature;
        Seed = seed;
        Partitions = partitions;
    }

    public DiskLayout Layout { get; }

    public PartitionTableType TableType => Layout.TableType;

    /// <summary>The disk size in bytes (a multiple of 512).</summary>
    public long TotalSize { get; }

    public long TotalSectors => TotalSize / DiskLayout.SectorSize;

    /// <summary>The GPT disk GUID (null for MBR tables).</summary>
    public Guid? DiskGuid { get; }

    /// <summary>The MBR disk signature (0 in a GPT protective MBR).</summary>
    public uint DiskSignature { get; }

    /// <summary>The seed identifiers are derived from; containers derive their GUIDs from it too.</summary>
    public string Seed { get; }

    /// <summary>The partitions in on-disk order.</summary>
    public IReadOnlyList<PlannedPartition> Partitions { get; }

    /// <summary>The table bytes and where they go: the start of the disk, and for GPT the backup at the end.</summary>
    public IReadOnlyList<(long Offset, byte[] Bytes)> GetTableExtents()
    {
        if (TableType == PartitionTableType.Mbr)
        {
            var sector = new byte[MasterBootRecord.Size];
            BuildMbr(MbrSlots()).WriteTo(sector);
            return [(0, sector)];
        }

        var table = new GptPartitionTable(TotalSectors, DiskGuid!.Value);
        foreach (var p in Partitions)
        {
            table.Set(p.Number, new GptPartitionEntry(p.TypeGuid!.Value, p.UniqueGuid!.Value, p.FirstLba, p.LastLba, p.Attributes, p.Name));
        }

        table.Mbr = TableType == PartitionTableType.Hybrid ? BuildHybridMbr() : Layout.BootCode.IsEmpty ? null : BuildMbr([ProtectiveEntry(TotalSectors - 1)]);
        return [(0, table.GetPrimaryBytes()), (table.BackupOffset, table.GetBackupBytes())];
    }

    /// <summary>A table of the layout for logs and for EVE-style <c>-C</c> reports.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{TableType} disk, {ByteSize.Describe(TotalSize)}, {TotalSectors} sectors");
        if (DiskGuid is { } g)
        {
            sb.Append(CultureInfo.InvariantCulture, $", GUID {g}");
        }

        sb.Append('\n');
        foreach (var p in Partitions)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  #{p.Number,-3} {p.Name,-20} start {p.FirstLba,12} end {p.LastLba,12} sectors {p.Size / DiskLayout.SectorSize,12}  content {ByteSize.Bytes(p.ContentLength)}\n");
        }

        return sb.ToString();
    }

    private MasterBootRecord BuildMbr(List<MbrPartitionEntry?> entries)
    {
        return new MasterBootRecord { BootCode = Layout.BootCode, DiskSignature = DiskSignature, Entries = entries };
    }

    private MasterBootRecord BuildHybridMbr()
    {
        var mirrored = Partitions.Where(p => p.Spec.InHybridMbr).Select(p => (MbrPartitionEntry?)ToMbrEntry(p)).ToList();

        // Like sgdisk -h: the 0xEE entry covers LBA 1 up to the first mirrored partition.
        var firstMirrored = Partitions.Where(p => p.Spec.InHybridMbr).Min(p => p.FirstLba);
        var protective = ProtectiveEntry(firstMirrored - 1);
        if (Layout.HybridProtectiveEntryFirst)
        {
            mirrored.Insert(0, protective);
        }
        else
        {
            mirrored.Add(protective);
        }

        return BuildMbr(mirrored);
    }

    private static MbrPartitionEntry ProtectiveEntry(long sectors) =>
        new(MbrPartitionTypes.GptProtective, 1, (uint)Math.Min(sectors, uint.MaxValue));

    private static MbrPartitionEntry ToMbrEntry(PlannedPartition p) =>
        new(p.MbrType!.Value, (uint)p.FirstLba, (uint)(p.Size / DiskLayout.SectorSize), p.Spec.Bootable);

    // MBR slots follow the partition numbers; a hybrid MBR lists its entries in order instead.
    private List<MbrPartitionEntry?> MbrSlots()
    {
        var slots = new MbrPartitionEntry?[MasterBootRecord.MaxEntries];
        foreach (var p in Partitions)
        {
            slots[p.Number - 1] = ToMbrEntry(p);
        }

        return [.. slots];
    }
}
