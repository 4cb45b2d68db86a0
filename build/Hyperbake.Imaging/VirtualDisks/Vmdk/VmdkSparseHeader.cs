using System.Buffers.Binary;

namespace Hyperbake.Imaging.VirtualDisks.Vmdk;

/// <summary>The 512-byte hosted sparse extent header (VMware "Virtual Disk Format 1.1"), little-endian.</summary>
public sealed record VmdkSparseHeader
{
    public const uint Magic = 0x564D444B; // "KDMV"
    public const uint FlagValidNewlineTest = 1 << 0;
    public const uint FlagRedundantGrainTable = 1 << 1;
    public const uint FlagCompressedGrains = 1 << 16;
    public const uint FlagMarkers = 1 << 17;
    public const ushort CompressionDeflate = 1;

    /// <summary>gdOffset value meaning "the grain directory is found via the footer" (stream-optimized).</summary>
    public const ulong GrainDirectoryAtEnd = ulong.MaxValue;

    public const int Size = 512;
    public const int GrainSectors = 128;
    public const int GrainTableEntries = 512;

    public required uint Version { get; init; }

    public required uint Flags { get; init; }

    public required long CapacitySectors { get; init; }

    public required long DescriptorOffset { get; init; }

    public required long DescriptorSectors { get; init; }

    public long RedundantGrainDirectoryOffset { get; init; }

    public required ulong GrainDirectoryOffset { get; init; }

    public required long OverheadSectors { get; init; }

    public ushort CompressAlgorithm { get; init; }

    public void WriteTo(Span<byte> destination)
    {
        var d = destination[..Size];
        d.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.MagicNumber..], Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.Version..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.Flags..], Flags);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.Capacity..], CapacitySectors);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.GrainSize..], GrainSectors);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.DescriptorOffset..], DescriptorOffset);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.DescriptorSize..], DescriptorSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.NumGtesPerGt..], GrainTableEntries);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.RgdOffset..], RedundantGrainDirectoryOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(d[FieldLocations.GdOffset..], GrainDirectoryOffset);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.OverHead..], OverheadSectors);

        // The newline-detection bytes catch a file mangled by a text-mode transfer.
        d[FieldLocations.SingleEndLineChar] = (byte)'\n';
        d[FieldLocations.NonEndLineChar] = (byte)' ';
        d[FieldLocations.DoubleEndLineChar1] = (byte)'\r';
        d[FieldLocations.DoubleEndLineChar2] = (byte)'\n';
        BinaryPrimitives.WriteUInt16LittleEndian(d[FieldLocations.CompressAlgorithm..], CompressAlgorithm);
    }

    /// <summary>Byte offsets of the header fields (offsets/sizes are in 512-byte sectors).</summary>
    public static class FieldLocations
    {
        public const int MagicNumber = 0;
        public const int Version = 4;
        public const int Flags = 8;
        public const int Capacity = 12;
        public const int GrainSize = 20;
        public const int DescriptorOffset = 28;
        public const int DescriptorSize = 36;
        public const int NumGtesPerGt = 44;
        public const int RgdOffset = 48;
        public const int GdOffset = 56;
        public const int OverHead = 64;
        public const int UncleanShutdown = 72;
        public const int SingleEndLineChar = 73;
        public const int NonEndLineChar = 74;
        public const int DoubleEndLineChar1 = 75;
        public const int DoubleEndLineChar2 = 76;
        public const int CompressAlgorithm = 77;
    }
}
