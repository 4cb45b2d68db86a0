using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Partitions.Gpt;

/// <summary>The 92-byte GPT header (UEFI 2.x §5.3.2); the rest of its sector is zero.</summary>
public sealed record GptHeader
{
    public const int Size = 92;
    public const uint Revision1 = 0x00010000;
    public static ReadOnlySpan<byte> SignatureBytes => "EFI PART"u8;

    public required long MyLba { get; init; }

    public required long AlternateLba { get; init; }

    public required long FirstUsableLba { get; init; }

    public required long LastUsableLba { get; init; }

    public required Guid DiskGuid { get; init; }

    public required long PartitionEntryLba { get; init; }

    public required int NumberOfPartitionEntries { get; init; }

    public required int SizeOfPartitionEntry { get; init; }

    public required uint PartitionEntryArrayCrc32 { get; init; }

    /// <summary>Writes the header with its CRC32 (computed over the 92 bytes with the CRC field zero).</summary>
    public void WriteTo(Span<byte> destination)
    {
        var d = destination[..Size];
        d.Clear();
        SignatureBytes.CopyTo(d[FieldLocations.Signature..]);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.Revision..], Revision1);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.HeaderSize..], Size);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.MyLba..], MyLba);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.AlternateLba..], AlternateLba);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.FirstUsableLba..], FirstUsableLba);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.LastUsableLba..], LastUsableLba);
        GuidEncoding.WriteMixedEndian(d[FieldLocations.DiskGuid..], DiskGuid);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.PartitionEntryLba..], PartitionEntryLba);
        BinaryPrimitives.WriteInt32LittleEndian(d[FieldLocations.NumberOfPartitionEntries..], NumberOfPartitionEntries);
        BinaryPrimitives.WriteInt32LittleEndian(d[FieldLocations.SizeOfPartitionEntry..], SizeOfPartitionEntry);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.PartitionEntryArrayCrc32..], PartitionEntryArrayCrc32);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.HeaderCrc32..], Crc32.Compute(d));
    }

    /// <summary>Byte offsets of the header's fields.</summary>
    public static class FieldLocations
    {
        public const int Signature = 0;
        public const int Revision = 8;
        public const int HeaderSize = 12;
        public const int HeaderCrc32 = 16;
        public const int Reserved = 20;
        public const int MyLba = 24;
        public const int AlternateLba = 32;
        public const int FirstUsableLba = 40;
        public const int LastUsableLba = 48;
        public const int DiskGuid = 56;
        public const int PartitionEntryLba = 72;
        public const int NumberOfPartitionEntries = 80;
        public const int SizeOfPartitionEntry = 84;
        public const int PartitionEntryArrayCrc32 = 88;
    }
}
