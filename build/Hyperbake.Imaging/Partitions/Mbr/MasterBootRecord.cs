using System.Buffers.Binary;

namespace Hyperbake.Imaging.Partitions.Mbr;

/// <summary>
/// The 512-byte sector 0 of a disk: boot code, disk signature, four primary entries and the
/// 0x55AA signature. Used for classic MBR disks, the GPT protective MBR and hybrid MBRs.
/// </summary>
public sealed class MasterBootRecord
{
    public const int Size = 512;
    public const int MaxEntries = 4;
    public const int BootCodeSize = 440;

    /// <summary>The partition type of the GPT protective entry.</summary>
    public const byte GptProtectiveType = 0xEE;

    /// <summary>Up to 440 bytes of boot code (e.g. GRUB's boot.img); zeros when empty.</summary>
    public ReadOnlyMemory<byte> BootCode { get; init; }

    /// <summary>The 32-bit disk identifier (Linux shows it as the disk identifier / PARTUUID prefix).</summary>
    public uint DiskSignature { get; init; }

    /// <summary>The four slots in order; null is an empty slot.</summary>
    public IReadOnlyList<MbrPartitionEntry?> Entries { get; init; } = [];

    public void WriteTo(Span<byte> destination)
    {
        if (Entries.Count > MaxEntries)
        {
            throw new ArgumentException($"An MBR has {MaxEntries} primary slots; {Entries.Count} entries were given.");
        }

        if (BootCode.Length > BootCodeSize)
        {
            throw new ArgumentException($"MBR boot code is at most {BootCodeSize} bytes; {BootCode.Length} were given.");
        }

        var d = destination[..Size];
        d.Clear();
        BootCode.Span.CopyTo(d);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.DiskSignature..], DiskSignature);
        for (var i = 0; i < Entries.Count; i++)
        {
            Entries[i]?.WriteTo(d[(FieldLocations.PartitionTable + (i * MbrPartitionEntry.Size))..]);
        }

        d[FieldLocations.BootSignature] = 0x55;
        d[FieldLocations.BootSignature + 1] = 0xAA;
    }

    /// <summary>
    /// The UEFI protective MBR: one 0xEE entry from LBA 1 covering min(disk − 1, 0xFFFFFFFF)
    /// sectors, so the Linux kernel and EDK2 accept the GPT behind it.
    /// </summary>
    public static MasterBootRecord Protective(long diskSectors) => new()
    {
        Entries = [new MbrPartitionEntry(GptProtectiveType, 1, (uint)Math.Min(diskSectors - 1, uint.MaxValue))],
    };

    /// <summary>Byte offsets of the sector's fields.</summary>
    public static class FieldLocations
    {
        public const int BootCode = 0;
        public const int DiskSignature = 440;
        public const int Reserved = 444;
        public const int PartitionTable = 446;
        public const int BootSignature = 510;
    }
}
