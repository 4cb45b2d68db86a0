namespace Hyperbake.Imaging.VirtualDisks.Vhdx;

/// <summary>Fixed offsets, signatures and GUIDs of the VHDX format (MS-VHDX).</summary>
public static class VhdxStructures
{
    public const long Alignment = 1024 * 1024;
    public const int HeaderSize = 4096;

    public const long FileIdentifierOffset = 0;
    public const long Header1Offset = 64 * 1024;
    public const long Header2Offset = 128 * 1024;
    public const long RegionTable1Offset = 192 * 1024;
    public const long RegionTable2Offset = 256 * 1024;
    public const int RegionTableSize = 64 * 1024;

    public const long LogOffset = 1 * Alignment;
    public const int LogLength = (int)Alignment;
    public const long MetadataOffset = 2 * Alignment;
    public const int MetadataLength = (int)Alignment;
    public const long BatOffset = 3 * Alignment;

    public static ReadOnlySpan<byte> FileSignature => "vhdxfile"u8;

    public const uint HeaderSignature = 0x64616568; // "head"
    public const uint RegionTableSignature = 0x69676572; // "regi"
    public static ReadOnlySpan<byte> MetadataSignature => "metadata"u8;

    public static readonly Guid BatRegion = new("2DC27766-F623-4200-9D64-115E9BFD4A08");
    public static readonly Guid MetadataRegion = new("8B7CA206-4790-4B9A-B8FE-575F050F886E");

    public static readonly Guid FileParametersItem = new("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    public static readonly Guid VirtualDiskSizeItem = new("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    public static readonly Guid Page83DataItem = new("BECA12AB-B2E6-4523-93EF-C309E000C746");
    public static readonly Guid LogicalSectorSizeItem = new("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
    public static readonly Guid PhysicalSectorSizeItem = new("CDA348C7-445D-4471-9CC9-E9885251C556");

    /// <summary>BAT entry states (bits 0–2).</summary>
    public const ulong PayloadBlockNotPresent = 0;
    public const ulong PayloadBlockFullyPresent = 6;

    /// <summary>Header field offsets.</summary>
    public static class HeaderFields
    {
        public const int Signature = 0;
        public const int Checksum = 4;
        public const int SequenceNumber = 8;
        public const int FileWriteGuid = 16;
        public const int DataWriteGuid = 32;
        public const int LogGuid = 48;
        public const int LogVersion = 64;
        public const int Version = 66;
        public const int LogLength = 68;
        public const int LogOffset = 72;
    }

    /// <summary>Region table field offsets; entries are 32 bytes from <see cref="FirstEntry"/>.</summary>
    public static class RegionTableFields
    {
        public const int Signature = 0;
        public const int Checksum = 4;
        public const int EntryCount = 8;
        public const int FirstEntry = 16;
        public const int EntrySize = 32;
        public const int EntryGuid = 0;
        public const int EntryFileOffset = 16;
        public const int EntryLength = 24;
        public const int EntryRequired = 28;
    }

    /// <summary>Metadata table field offsets; entries are 32 bytes from <see cref="FirstEntry"/>, items from 64 KiB.</summary>
    public static class MetadataFields
    {
        public const int Signature = 0;
        public const int EntryCount = 10;
        public const int FirstEntry = 32;
        public const int EntrySize = 32;
        public const int EntryItemId = 0;
        public const int EntryOffset = 16;
        public const int EntryLength = 20;
        public const int EntryFlags = 24;
        public const int ItemsOffset = 64 * 1024;

        public const uint IsVirtualDisk = 1 << 1;
        public const uint IsRequired = 1 << 2;
    }
}
