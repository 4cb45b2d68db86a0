using Hyperbake.Imaging.Iso9660.Encoding;

namespace Hyperbake.Imaging.Iso9660.Structures;

/// <summary>
/// ECMA-119 9.4: one directory in a path table. The L table records numbers little-endian, the M
/// table big-endian; both list directories by level, then parent number, then identifier.
/// </summary>
internal static class PathTableRecord
{
    public const int DirectoryIdentifierLength = 0;
    public const int ExtendedAttributeRecordLength = 1;
    public const int ExtentLocation = 2;
    public const int ParentDirectoryNumber = 6;
    public const int DirectoryIdentifier = 8;

    public static int LengthOf(int identifierLength) => DirectoryIdentifier + identifierLength + (identifierLength % 2);

    public static int Write(Span<byte> destination, ReadOnlySpan<byte> identifier, long extent, int parentNumber, bool bigEndian)
    {
        var length = LengthOf(identifier.Length);
        var record = destination[..length];
        record.Clear();
        record[DirectoryIdentifierLength] = (byte)identifier.Length;
        if (bigEndian)
        {
            IsoBinary.WriteBig32(record[ExtentLocation..], extent);
            IsoBinary.WriteBig16(record[ParentDirectoryNumber..], parentNumber);
        }
        else
        {
            IsoBinary.WriteLittle32(record[ExtentLocation..], extent);
            IsoBinary.WriteLittle16(record[ParentDirectoryNumber..], parentNumber);
        }

        identifier.CopyTo(record[DirectoryIdentifier..]);
        return length;
    }
}
