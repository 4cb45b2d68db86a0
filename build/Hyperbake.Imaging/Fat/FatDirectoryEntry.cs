using System.Buffers.Binary;

namespace Hyperbake.Imaging.Fat;

/// <summary>A 32-byte short (8.3) directory entry.</summary>
public static class FatDirectoryEntry
{
    public const int Length = 32;

    public static class FieldLocations
    {
        public const int Name = 0;
        public const int Attributes = 11;
        public const int CaseFlags = 12;
        public const int CreationTenths = 13;
        public const int CreationTime = 14;
        public const int CreationDate = 16;
        public const int AccessDate = 18;
        public const int FirstClusterHigh = 20;
        public const int WriteTime = 22;
        public const int WriteDate = 24;
        public const int FirstClusterLow = 26;
        public const int FileSize = 28;
    }

    public const byte AttributeReadOnly = 0x01;
    public const byte AttributeVolumeLabel = 0x08;
    public const byte AttributeDirectory = 0x10;
    public const byte AttributeArchive = 0x20;
    public const byte AttributeLongName = 0x0F;

    /// <summary>Windows NT's flags in the reserved byte: base name, extension shown in lower case.</summary>
    public const byte CaseLowerBase = 0x08;
    public const byte CaseLowerExtension = 0x10;

    public static void Write(Span<byte> entry, ReadOnlySpan<byte> shortName, byte attributes, byte caseFlags, FatTimestamp time, uint firstCluster, uint size)
    {
        entry[..Length].Clear();
        shortName[..11].CopyTo(entry);
        entry[FieldLocations.Attributes] = attributes;
        entry[FieldLocations.CaseFlags] = caseFlags;
        entry[FieldLocations.CreationTenths] = time.Tenths;
        BinaryPrimitives.WriteUInt16LittleEndian(entry[FieldLocations.CreationTime..], time.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[FieldLocations.CreationDate..], time.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[FieldLocations.AccessDate..], time.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[FieldLocations.FirstClusterHigh..], (ushort)(firstCluster >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(entry[FieldLocations.WriteTime..], time.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[FieldLocations.WriteDate..], time.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[FieldLocations.FirstClusterLow..], (ushort)firstCluster);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[FieldLocations.FileSize..], size);
    }
}
