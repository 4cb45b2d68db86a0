using System.Buffers.Binary;

namespace Hyperbake.Imaging.VirtualDisks.Vmdk;

/// <summary>
/// Stream-optimized VMDK markers: a metadata marker is one sector {value, size = 0, type}; a
/// grain marker is {LBA, compressed size} directly followed by the compressed grain.
/// </summary>
public static class VmdkMarker
{
    public const uint EndOfStream = 0;
    public const uint GrainTable = 1;
    public const uint GrainDirectory = 2;
    public const uint Footer = 3;

    /// <summary>The bytes before a grain's compressed data.</summary>
    public const int GrainMarkerSize = 12;

    public static void WriteMetadata(Span<byte> sector, ulong value, uint type)
    {
        sector[..512].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(sector[FieldLocations.Value..], value);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.Size..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.Type..], type);
    }

    public static void WriteGrain(Span<byte> destination, long lba, int compressedSize)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination[FieldLocations.Value..], lba);
        BinaryPrimitives.WriteInt32LittleEndian(destination[FieldLocations.Size..], compressedSize);
    }

    public static class FieldLocations
    {
        public const int Value = 0;
        public const int Size = 8;
        public const int Type = 12;
    }
}
