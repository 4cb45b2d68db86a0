using System.Buffers.Binary;

namespace Hyperbake.Imaging.Fat;

/// <summary>
/// VFAT long-name entries: 13 UTF-16 units each, stored before the short entry in reverse order
/// (the last piece first, flagged 0x40), each carrying the checksum of the short name.
/// </summary>
public static class FatLongNameEntry
{
    public const int CharactersPerEntry = 13;
    public const int MaxNameLength = 255;
    public const byte LastEntryFlag = 0x40;

    public static class FieldLocations
    {
        public const int Order = 0;
        public const int Name1 = 1;   // 5 units
        public const int Attributes = 11;
        public const int Type = 12;
        public const int Checksum = 13;
        public const int Name2 = 14;  // 6 units
        public const int FirstCluster = 26;
        public const int Name3 = 28;  // 2 units
    }

    private static ReadOnlySpan<int> UnitOffsets => [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];

    public static int EntryCount(string name) => (name.Length + CharactersPerEntry - 1) / CharactersPerEntry;

    /// <summary>The checksum of an 11-byte short name: rotate right by one, add the next byte.</summary>
    public static byte Checksum(ReadOnlySpan<byte> shortName)
    {
        byte sum = 0;
        foreach (var b in shortName[..11])
        {
            sum = (byte)((((sum & 1) << 7) | (sum >> 1)) + b);
        }

        return sum;
    }

    /// <summary>Writes the long-name entries of <paramref name="name"/> in on-disk order; returns the bytes used.</summary>
    public static int Write(Span<byte> target, string name, byte checksum)
    {
        var count = EntryCount(name);
        for (var i = 0; i < count; i++)
        {
            var sequence = count - i; // on disk the last piece comes first
            var entry = target.Slice(i * FatDirectoryEntry.Length, FatDirectoryEntry.Length);
            entry.Clear();
            entry[FieldLocations.Order] = (byte)(sequence | (sequence == count ? LastEntryFlag : 0));
            entry[FieldLocations.Attributes] = FatDirectoryEntry.AttributeLongName;
            entry[FieldLocations.Checksum] = checksum;
            var start = (sequence - 1) * CharactersPerEntry;
            for (var k = 0; k < CharactersPerEntry; k++)
            {
                var index = start + k;
                ushort unit = index < name.Length ? name[index] : index == name.Length ? (ushort)0 : (ushort)0xFFFF;
                BinaryPrimitives.WriteUInt16LittleEndian(entry[UnitOffsets[k]..], unit);
            }
        }

        return count * FatDirectoryEntry.Length;
    }
}
