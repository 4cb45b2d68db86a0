using System.Buffers.Binary;

namespace Hyperbake.Imaging.VirtualDisks.Qcow2;

/// <summary>The qcow2 version 3 header (big-endian), followed by the header-extension end marker.</summary>
public sealed record Qcow2Header
{
    public const uint Magic = 0x514649FB; // "QFI\xfb"
    public const uint Version3 = 3;

    /// <summary>The v3 header length without the optional compression-type field (zlib is implied).</summary>
    public const int Length = 104;

    /// <summary>Refcount entries of 2^4 = 16 bits, qemu's default.</summary>
    public const int RefcountOrder = 4;

    public required int ClusterBits { get; init; }

    public required long VirtualSize { get; init; }

    public required int L1Size { get; init; }

    public required long L1TableOffset { get; init; }

    public required long RefcountTableOffset { get; init; }

    public required int RefcountTableClusters { get; init; }

    /// <summary>Writes the header and an empty extension list (end marker: type 0, length 0).</summary>
    public void WriteTo(Span<byte> destination)
    {
        var d = destination[..(Length + 8)];
        d.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(d[FieldLocations.Magic..], Magic);
        BinaryPrimitives.WriteUInt32BigEndian(d[FieldLocations.Version..], Version3);
        BinaryPrimitives.WriteUInt32BigEndian(d[FieldLocations.ClusterBits..], (uint)ClusterBits);
        BinaryPrimitives.WriteInt64BigEndian(d[FieldLocations.Size..], VirtualSize);
        BinaryPrimitives.WriteUInt32BigEndian(d[FieldLocations.L1Size..], (uint)L1Size);
        BinaryPrimitives.WriteInt64BigEndian(d[FieldLocations.L1TableOffset..], L1TableOffset);
        BinaryPrimitives.WriteInt64BigEndian(d[FieldLocations.RefcountTableOffset..], RefcountTableOffset);
        BinaryPrimitives.WriteUInt32BigEndian(d[FieldLocations.RefcountTableClusters..], (uint)RefcountTableClusters);
        BinaryPrimitives.WriteUInt32BigEndian(d[FieldLocations.RefcountOrder..], RefcountOrder);
        BinaryPrimitives.WriteUInt32BigEndian(d[FieldLocations.HeaderLength..], Length);

        // Extensions start right after the header; the list ends with a zero type and length.
        BinaryPrimitives.WriteUInt32BigEndian(d[Length..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(d[(Length + 4)..], 0);
    }

    /// <summary>Byte offsets of the header fields (all big-endian).</summary>
    public static class FieldLocations
    {
        public const int Magic = 0;
        public const int Version = 4;
        public const int BackingFileOffset = 8;
        public const int BackingFileSize = 16;
        public const int ClusterBits = 20;
        public const int Size = 24;
        public const int CryptMethod = 32;
        public const int L1Size = 36;
        public const int L1TableOffset = 40;
        public const int RefcountTableOffset = 48;
        public const int RefcountTableClusters = 56;
        public const int NbSnapshots = 60;
        public const int SnapshotsOffset = 64;
        public const int IncompatibleFeatures = 72;
        public const int CompatibleFeatures = 80;
        public const int AutoclearFeatures = 88;
        public const int RefcountOrder = 96;
        public const int HeaderLength = 100;
    }
}
