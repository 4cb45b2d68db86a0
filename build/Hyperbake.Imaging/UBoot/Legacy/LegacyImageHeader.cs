using System.Buffers.Binary;
using System.Text;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.UBoot.Legacy;

/// <summary>
/// The 64-byte header of a legacy U-Boot image (<c>struct legacy_img_hdr</c>): big-endian
/// words, a CRC-32 of the header (computed with the CRC field zero) and of the data.
/// </summary>
public sealed record LegacyImageHeader
{
    public const uint Magic = 0x27051956;
    public const int Size = FieldLocations.Name + NameLength;
    public const int NameLength = 32;

    public uint HeaderCrc { get; init; }

    /// <summary>Seconds since the epoch; writers take it from SOURCE_DATE_EPOCH, never the clock.</summary>
    public uint Timestamp { get; init; }

    public uint DataSize { get; init; }

    public uint LoadAddress { get; init; }

    public uint EntryPoint { get; init; }

    public uint DataCrc { get; init; }

    public UBootOs Os { get; init; } = UBootOs.Linux;

    public UBootArchitecture Architecture { get; init; } = UBootArchitecture.Arm64;

    public UBootImageType Type { get; init; }

    public UBootCompression Compression { get; init; }

    /// <summary>At most 32 bytes; a shorter name is NUL-padded.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The header bytes with <see cref="HeaderCrc"/> computed over them.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FieldLocations.Magic), Magic);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FieldLocations.Time), Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FieldLocations.DataSize), DataSize);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FieldLocations.Load), LoadAddress);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FieldLocations.Entry), EntryPoint);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FieldLocations.DataCrc), DataCrc);
        bytes[FieldLocations.Os] = (byte)Os;
        bytes[FieldLocations.Architecture] = (byte)Architecture;
        bytes[FieldLocations.Type] = (byte)Type;
        bytes[FieldLocations.Compression] = (byte)Compression;
        var name = Encoding.UTF8.GetBytes(Name);
        if (name.Length > NameLength)
        {
            throw new ArgumentException($"U-Boot image name '{Name}' is {name.Length} bytes; the header holds at most {NameLength}.");
        }

        name.CopyTo(bytes, FieldLocations.Name);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(FieldLocations.HeaderCrc), Crc32.Compute(bytes));
        return bytes;
    }

    public static LegacyImageHeader Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size)
        {
            throw new InvalidDataException($"A legacy U-Boot image needs a {Size}-byte header; got {bytes.Length} bytes.");
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(bytes[FieldLocations.Magic..]);
        if (magic != Magic)
        {
            throw new InvalidDataException($"Not a legacy U-Boot image: magic 0x{magic:x8}, expected 0x{Magic:x8}.");
        }

        var copy = bytes[..Size].ToArray();
        var stored = BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(FieldLocations.HeaderCrc));
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(FieldLocations.HeaderCrc), 0);
        if (Crc32.Compute(copy) != stored)
        {
            throw new InvalidDataException("The legacy U-Boot image header CRC does not match.");
        }

        var nameBytes = bytes.Slice(FieldLocations.Name, NameLength);
        var nul = nameBytes.IndexOf((byte)0);
        return new LegacyImageHeader
        {
            HeaderCrc = stored,
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(bytes[FieldLocations.Time..]),
            DataSize = BinaryPrimitives.ReadUInt32BigEndian(bytes[FieldLocations.DataSize..]),
            LoadAddress = BinaryPrimitives.ReadUInt32BigEndian(bytes[FieldLocations.Load..]),
            EntryPoint = BinaryPrimitives.ReadUInt32BigEndian(bytes[FieldLocations.Entry..]),
            DataCrc = BinaryPrimitives.ReadUInt32BigEndian(bytes[FieldLocations.DataCrc..]),
            Os = (UBootOs)bytes[FieldLocations.Os],
            Architecture = (UBootArchitecture)bytes[FieldLocations.Architecture],
            Type = (UBootImageType)bytes[FieldLocations.Type],
            Compression = (UBootCompression)bytes[FieldLocations.Compression],
            Name = Encoding.UTF8.GetString(nul < 0 ? nameBytes : nameBytes[..nul]),
        };
    }

    /// <summary>Offsets of the header fields, each the previous plus its length.</summary>
    public static class FieldLocations
    {
        public const int Magic = 0;
        public const int HeaderCrc = Magic + 4;
        public const int Time = HeaderCrc + 4;
        public const int DataSize = Time + 4;
        public const int Load = DataSize + 4;
        public const int Entry = Load + 4;
        public const int DataCrc = Entry + 4;
        public const int Os = DataCrc + 4;
        public const int Architecture = Os + 1;
        public const int Type = Architecture + 1;
        public const int Compression = Type + 1;
        public const int Name = Compression + 1;
    }
}
