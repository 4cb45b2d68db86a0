using System.Buffers.Binary;

namespace Hyperbake.Imaging.DeviceTree;

/// <summary>
/// The 40-byte header of a flattened device tree blob (devicetree specification §5.2). All
/// fields are big-endian 32-bit words.
/// </summary>
public readonly record struct FdtHeader(
    uint TotalSize,
    uint OffsetStructure,
    uint OffsetStrings,
    uint OffsetReservations,
    uint Version,
    uint LastCompatibleVersion,
    uint BootCpuIdPhysical,
    uint SizeStrings,
    uint SizeStructure)
{
    public const uint Magic = 0xD00DFEED;

    /// <summary>The version this library writes; it reads 16 and 17.</summary>
    public const uint CurrentVersion = 17;

    /// <summary>Every blob since version 16 is readable by a version-16 reader.</summary>
    public const uint CurrentLastCompatibleVersion = 16;

    public const int Size = FieldLocations.SizeStructure + 4;

    public static FdtHeader Read(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < Size)
        {
            throw new DeviceTreeException($"A device tree blob needs at least {Size} bytes of header; this one has {blob.Length}.");
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(blob[FieldLocations.Magic..]);
        if (magic != Magic)
        {
            throw new DeviceTreeException($"Not a device tree blob: magic is 0x{magic:x8}, expected 0x{Magic:x8}.");
        }

        return new FdtHeader(
            U32(blob, FieldLocations.TotalSize),
            U32(blob, FieldLocations.OffsetStructure),
            U32(blob, FieldLocations.OffsetStrings),
            U32(blob, FieldLocations.OffsetReservations),
            U32(blob, FieldLocations.Version),
            U32(blob, FieldLocations.LastCompatibleVersion),
            U32(blob, FieldLocations.BootCpuIdPhysical),
            U32(blob, FieldLocations.SizeStrings),
            U32(blob, FieldLocations.SizeStructure));
    }

    private static uint U32(ReadOnlySpan<byte> blob, int offset) => BinaryPrimitives.ReadUInt32BigEndian(blob[offset..]);

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.Magic..], Magic);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.TotalSize..], TotalSize);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.OffsetStructure..], OffsetStructure);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.OffsetStrings..], OffsetStrings);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.OffsetReservations..], OffsetReservations);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.Version..], Version);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.LastCompatibleVersion..], LastCompatibleVersion);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.BootCpuIdPhysical..], BootCpuIdPhysical);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.SizeStrings..], SizeStrings);
        BinaryPrimitives.WriteUInt32BigEndian(destination[FieldLocations.SizeStructure..], SizeStructure);
    }

    /// <summary>Byte offsets of the header fields, each the previous one plus four.</summary>
    public static class FieldLocations
    {
        public const int Magic = 0;
        public const int TotalSize = Magic + 4;
        public const int OffsetStructure = TotalSize + 4;
        public const int OffsetStrings = OffsetStructure + 4;
        public const int OffsetReservations = OffsetStrings + 4;
        public const int Version = OffsetReservations + 4;
        public const int LastCompatibleVersion = Version + 4;
        public const int BootCpuIdPhysical = LastCompatibleVersion + 4;
        public const int SizeStrings = BootCpuIdPhysical + 4;
        public const int SizeStructure = SizeStrings + 4;
    }
}
