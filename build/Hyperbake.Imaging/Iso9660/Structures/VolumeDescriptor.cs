using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.Structures;

/// <summary>
/// The primary (ECMA-119 8.4) and supplementary (8.5) volume descriptors share one layout; the
/// supplementary one used for Joliet adds escape sequences naming UCS-2 and records its text in
/// UCS-2 big-endian.
/// </summary>
internal sealed class VolumeDescriptor
{
    public const int Flags = 7;
    public const int SystemIdentifier = 8;
    public const int VolumeIdentifier = 40;
    public const int VolumeSpaceSize = 80;
    public const int EscapeSequences = 88;
    public const int VolumeSetSize = 120;
    public const int VolumeSequenceNumber = 124;
    public const int LogicalBlockSize = 128;
    public const int PathTableSize = 132;
    public const int TypeLPathTable = 140;
    public const int OptionalTypeLPathTable = 144;
    public const int TypeMPathTable = 148;
    public const int OptionalTypeMPathTable = 152;
    public const int RootDirectoryRecord = 156;
    public const int VolumeSetIdentifier = 190;
    public const int PublisherIdentifier = 318;
    public const int DataPreparerIdentifier = 446;
    public const int ApplicationIdentifier = 574;
    public const int CopyrightFileIdentifier = 702;
    public const int AbstractFileIdentifier = 739;
    public const int BibliographicFileIdentifier = 776;
    public const int VolumeCreationDate = 813;
    public const int VolumeModificationDate = 830;
    public const int VolumeExpirationDate = 847;
    public const int VolumeEffectiveDate = 864;
    public const int FileStructureVersion = 881;

    private const int ShortIdentifierLength = 32;
    private const int LongIdentifierLength = 128;
    private const int FileIdentifierLength = 37;

    /// <summary>Joliet level 3 (all of UCS-2): "%/E".</summary>
    private static readonly byte[] JolietLevel3Escape = "%/E"u8.ToArray();

    public bool Joliet { get; init; }

    public string SystemId { get; init; } = "";

    public string VolumeId { get; init; } = "";

    public string VolumeSetId { get; init; } = "";

    public string PublisherId { get; init; } = "";

    public string DataPreparerId { get; init; } = "";

    public string ApplicationId { get; init; } = "";

    public long VolumeSpaceBlocks { get; init; }

    public int PathTableBytes { get; init; }

    public long LPathTableBlock { get; init; }

    public long MPathTableBlock { get; init; }

    public long RootBlock { get; init; }

    public long RootBytes { get; init; }

    public long Timestamp { get; init; }

    public void WriteTo(Span<byte> sector)
    {
        sector[..IsoLayoutConstants.BlockSize].Clear();
        VolumeDescriptorHeader.Write(sector, Joliet ? VolumeDescriptorType.Supplementary : VolumeDescriptorType.Primary);
        WriteText(sector.Slice(SystemIdentifier, ShortIdentifierLength), SystemId);
        WriteText(sector.Slice(VolumeIdentifier, ShortIdentifierLength), VolumeId);
        IsoBinary.WriteBoth32(sector[VolumeSpaceSize..], VolumeSpaceBlocks);
        if (Joliet)
        {
            JolietLevel3Escape.CopyTo(sector[EscapeSequences..]);
        }

        IsoBinary.WriteBoth16(sector[VolumeSetSize..], 1);
        IsoBinary.WriteBoth16(sector[VolumeSequenceNumber..], 1);
        IsoBinary.WriteBoth16(sector[LogicalBlockSize..], IsoLayoutConstants.BlockSize);
        IsoBinary.WriteBoth32(sector[PathTableSize..], PathTableBytes);
        IsoBinary.WriteLittle32(sector[TypeLPathTable..], LPathTableBlock);
        IsoBinary.WriteBig32(sector[TypeMPathTable..], MPathTableBlock);
        DirectoryRecord.WriteRoot(sector.Slice(RootDirectoryRecord, DirectoryRecord.RootRecordLength), RootBlock, RootBytes, Timestamp);
        WriteText(sector.Slice(VolumeSetIdentifier, LongIdentifierLength), VolumeSetId);
        WriteText(sector.Slice(PublisherIdentifier, LongIdentifierLength), PublisherId);
        WriteText(sector.Slice(DataPreparerIdentifier, LongIdentifierLength), DataPreparerId);
        WriteText(sector.Slice(ApplicationIdentifier, LongIdentifierLength), ApplicationId);
        WriteText(sector.Slice(CopyrightFileIdentifier, FileIdentifierLength), "");
        WriteText(sector.Slice(AbstractFileIdentifier, FileIdentifierLength), "");
        WriteText(sector.Slice(BibliographicFileIdentifier, FileIdentifierLength), "");
        IsoDates.WriteVolumeDate(sector[VolumeCreationDate..], Timestamp);
        IsoDates.WriteVolumeDate(sector[VolumeModificationDate..], Timestamp);
        IsoDates.WriteUnsetVolumeDate(sector[VolumeExpirationDate..]);
        IsoDates.WriteVolumeDate(sector[VolumeEffectiveDate..], Timestamp);
        sector[FileStructureVersion] = 1;
    }

    private void WriteText(Span<byte> field, string text)
    {
        if (Joliet)
        {
            IsoBinary.WriteUcs2Padded(field, text);
        }
        else
        {
            IsoBinary.WriteAsciiPadded(field, text);
        }
    }
}
