using Hyperbake.Imaging.Checksums;
using Hyperbake.Imaging.Partitions.Mbr;

namespace Hyperbake.Imaging.Partitions.Gpt;

/// <summary>
/// A GUID partition table for a disk of a known size: the protective (or hybrid) MBR, primary
/// header at LBA 1 with 128 entries from LBA 2, and the backup entries and header in the last
/// 33 sectors. Produces the bytes of both ends; the partitions' data is not its business.
/// </summary>
public sealed class GptPartitionTable
{
    public const int SectorSize = 512;
    public const int EntryCount = 128;
    public const int EntryArraySectors = EntryCount * GptPartitionEntry.Size / SectorSize;

    /// <summary>LBA 0 (MBR) + LBA 1 (header) + the entry array.</summary>
    public const long FirstUsableLba = 2 + EntryArraySectors;

    private readonly GptPartitionEntry?[] slots = new GptPartitionEntry?[EntryCount];

    public GptPartitionTable(long diskSectors, Guid diskGuid)
    {
        if (diskSectors < (FirstUsableLba * 2) + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(diskSectors), $"A GPT disk needs at least {(FirstUsableLba * 2) + 1} sectors; got {diskSectors}.");
        }

        DiskSectors = diskSectors;
        DiskGuid = diskGuid;
    }

    public long DiskSectors { get; }

    public Guid DiskGuid { get; }

    /// <summary>The last LBA a partition may use: before the backup entry array.</summary>
    public long LastUsableLba => DiskSectors - 1 - EntryArraySectors - 1;

    /// <summary>The MBR in sector 0; the protective one unless a hybrid MBR is set.</summary>
    public MasterBootRecord? Mbr { get; set; }

    /// <summary>Sets the entry in slot <paramref name="number"/> (1-based, as tools number partitions).</summary>
    public void Set(int number, GptPartitionEntry entry)
    {
        if (number is < 1 or > EntryCount)
        {
            throw new ArgumentOutOfRangeException(nameof(number), $"GPT partition numbers are 1..{EntryCount}; got {number}.");
        }

        if (entry.FirstLba < FirstUsableLba || entry.LastLba > LastUsableLba || entry.LastLba < entry.FirstLba)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), $"Partition '{entry.Name}' spans LBA {entry.FirstLba}..{entry.LastLba}, outside the usable {FirstUsableLba}..{LastUsableLba}.");
        }

        slots[number - 1] = entry;
    }

    /// <summary>Sectors 0..33: MBR, primary header, primary entries.</summary>
    public byte[] GetPrimaryBytes()
    {
        var bytes = new byte[FirstUsableLba * SectorSize];
        (Mbr ?? MasterBootRecord.Protective(DiskSectors)).WriteTo(bytes);
        var entries = bytes.AsSpan(2 * SectorSize);
        var crc = WriteEntries(entries);
        Header(1, DiskSectors - 1, 2, crc).WriteTo(bytes.AsSpan(SectorSize));
        return bytes;
    }

    /// <summary>The last 33 sectors: backup entries, then the backup header at the last LBA.</summary>
    public byte[] GetBackupBytes()
    {
        var bytes = new byte[(EntryArraySectors + 1) * SectorSize];
        var crc = WriteEntries(bytes);
        var lastLba = DiskSectors - 1;
        Header(lastLba, 1, lastLba - EntryArraySectors, crc).WriteTo(bytes.AsSpan(EntryArraySectors * SectorSize));
        return bytes;
    }

    /// <summary>The byte offset of <see cref="GetBackupBytes"/> on the disk.</summary>
    public long BackupOffset => (DiskSectors - 1 - EntryArraySectors) * SectorSize;

    private uint WriteEntries(Span<byte> destination)
    {
        var array = destination[..(EntryCount * GptPartitionEntry.Size)];
        array.Clear();
        for (var i = 0; i < EntryCount; i++)
        {
            slots[i]?.WriteTo(array[(i * GptPartitionEntry.Size)..]);
        }

        return Crc32.Compute(array);
    }

    private GptHeader Header(long myLba, long alternateLba, long entryLba, uint entriesCrc) => new()
    {
        MyLba = myLba,
        AlternateLba = alternateLba,
        FirstUsableLba = FirstUsableLba,
        LastUsableLba = LastUsableLba,
        DiskGuid = DiskGuid,
        PartitionEntryLba = entryLba,
        NumberOfPartitionEntries = EntryCount,
        SizeOfPartitionEntry = GptPartitionEntry.Size,
        PartitionEntryArrayCrc32 = entriesCrc,
    };
}
