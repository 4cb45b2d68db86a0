using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.Structures;

/// <summary>
/// ECMA-119 9.1: one entry of a directory extent. Records never cross a block boundary (6.8.1.1);
/// the identifier is followed by a pad byte when its length is even, then the system use field
/// (Rock Ridge lives there).
/// </summary>
internal static class DirectoryRecord
{
    public const int Length = 0;
    public const int ExtendedAttributeRecordLength = 1;
    public const int ExtentLocation = 2;
    public const int DataLength = 10;
    public const int RecordingDate = 18;
    public const int FileFlags = 25;
    public const int FileUnitSize = 26;
    public const int InterleaveGapSize = 27;
    public const int VolumeSequenceNumber = 28;
    public const int FileIdentifierLength = 32;
    public const int FileIdentifier = 33;

    /// <summary>The root record inside a volume descriptor: identifier 0x00, no system use.</summary>
    public const int RootRecordLength = 34;

    public const byte DirectoryFlag = 0x02;

    /// <summary>The bytes before the system use field for an identifier of this length.</summary>
    public static int FixedLength(int identifierLength) => FileIdentifier + identifierLength + (identifierLength % 2 == 0 ? 1 : 0);

    /// <summary>Writes one record and returns its length.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> identifier, long extent, long dataLength, long recordTime, bool directory, ReadOnlySpan<byte> systemUse)
    {
        var fixedLength = FixedLength(identifier.Length);
        var length = fixedLength + systemUse.Length;
        if (length > IsoLayoutConstants.MaxRecordLength)
        {
            throw new InvalidOperationException($"Directory record of {length} bytes exceeds {IsoLayoutConstants.MaxRecordLength}.");
        }

        var record = destination[..length];
        record.Clear();
        record[Length] = (byte)length;
        IsoBinary.WriteBoth32(record[ExtentLocation..], extent);
        IsoBinary.WriteBoth32(record[DataLength..], dataLength);
        IsoDates.WriteRecordDate(record[RecordingDate..], recordTime);
        record[FileFlags] = directory ? DirectoryFlag : (byte)0;
        IsoBinary.WriteBoth16(record[VolumeSequenceNumber..], 1);
        record[FileIdentifierLength] = (byte)identifier.Length;
        identifier.CopyTo(record[FileIdentifier..]);
        systemUse.CopyTo(record[fixedLength..]);
        return length;
    }

    public static void WriteRoot(Span<byte> destination, long extent, long dataLength, long recordTime) =>
        Write(destination, [0], extent, dataLength, recordTime, directory: true, []);
}
