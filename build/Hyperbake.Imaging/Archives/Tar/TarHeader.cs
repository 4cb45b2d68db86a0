using System.Text;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Tar;

/// <summary>
/// One 512-byte tar header block (POSIX.1-1988 ustar layout; GNU tar reuses the prefix area for
/// times, which a reader tells apart by the magic).
/// </summary>
public sealed class TarHeader
{
    public const int BlockSize = 512;

    /// <summary>Field offsets and lengths of the header block.</summary>
    public static class FieldLocations
    {
        public const int Name = 0;
        public const int NameLength = 100;
        public const int Mode = 100;
        public const int Uid = 108;
        public const int Gid = 116;
        public const int IdLength = 8;
        public const int Size = 124;
        public const int SizeLength = 12;
        public const int ModificationTime = 136;
        public const int ModificationTimeLength = 12;
        public const int Checksum = 148;
        public const int ChecksumLength = 8;
        public const int TypeFlag = 156;
        public const int LinkName = 157;
        public const int LinkNameLength = 100;
        public const int Magic = 257;
        public const int Version = 263;
        public const int UserName = 265;
        public const int GroupName = 297;
        public const int OwnerNameLength = 32;
        public const int DeviceMajor = 329;
        public const int DeviceMinor = 337;
        public const int DeviceLength = 8;
        public const int Prefix = 345;
        public const int PrefixLength = 155;
    }

    /// <summary>"ustar\0" + "00": POSIX ustar and PAX.</summary>
    public static ReadOnlySpan<byte> UstarMagic => "ustar\u000000"u8;

    /// <summary>"ustar  \0": GNU tar's own format (no prefix field).</summary>
    public static ReadOnlySpan<byte> GnuMagic => "ustar  \0"u8;

    public byte[] Name { get; set; } = [];

    public int Mode { get; set; }

    public long Uid { get; set; }

    public long Gid { get; set; }

    public long Size { get; set; }

    public long ModificationTime { get; set; }

    public byte TypeFlag { get; set; }

    public byte[] LinkName { get; set; } = [];

    public byte[] UserName { get; set; } = [];

    public byte[] GroupName { get; set; } = [];

    public int DeviceMajor { get; set; }

    public int DeviceMinor { get; set; }

    /// <summary>The ustar prefix (empty for GNU and pre-POSIX headers).</summary>
    public byte[] Prefix { get; set; } = [];

    public bool IsGnu { get; private set; }

    public bool IsUstar { get; private set; }

    /// <summary>The full name: prefix + "/" + name for ustar, the name field otherwise.</summary>
    public byte[] FullName => Prefix.Length == 0 ? Name : [.. Prefix, (byte)'/', .. Name];

    public static bool IsZeroBlock(ReadOnlySpan<byte> block) => !block.ContainsAnyExcept((byte)0);

    /// <summary>Parses a header block; <paramref name="where"/> names the archive and offset in errors.</summary>
    public static TarHeader Parse(ReadOnlySpan<byte> block, string where)
    {
        var stored = ParseNumber(block.Slice(FieldLocations.Checksum, FieldLocations.ChecksumLength), where, "checksum");
        var (unsignedSum, signedSum) = ComputeChecksums(block);
        if (stored != unsignedSum && stored != signedSum)
        {
            throw new FileTreeException($"{where}: bad tar header checksum (stored {stored}, computed {unsignedSum}); the archive is corrupt or not a tar file.");
        }

        var magic = block.Slice(FieldLocations.Magic, 8);
        var header = new TarHeader
        {
            IsGnu = magic.SequenceEqual(GnuMagic),
            IsUstar = magic[..6].SequenceEqual(UstarMagic[..6]),
            Name = CString(block.Slice(FieldLocations.Name, FieldLocations.NameLength)),
            Mode = (int)ParseNumber(block.Slice(FieldLocations.Mode, FieldLocations.IdLength), where, "mode"),
            Uid = ParseNumber(block.Slice(FieldLocations.Uid, FieldLocations.IdLength), where, "uid"),
            Gid = ParseNumber(block.Slice(FieldLocations.Gid, FieldLocations.IdLength), where, "gid"),
            Size = ParseNumber(block.Slice(FieldLocations.Size, FieldLocations.SizeLength), where, "size"),
            ModificationTime = ParseNumber(block.Slice(FieldLocations.ModificationTime, FieldLocations.ModificationTimeLength), where, "mtime"),
            TypeFlag = block[FieldLocations.TypeFlag],
            LinkName = CString(block.Slice(FieldLocations.LinkName, FieldLocations.LinkNameLength)),
        };
        if (header.IsUstar || header.IsGnu)
        {
            header.UserName = CString(block.Slice(FieldLocations.UserName, FieldLocations.OwnerNameLength));
            header.GroupName = CString(block.Slice(FieldLocations.GroupName, FieldLocations.OwnerNameLength));
            header.DeviceMajor = (int)ParseNumber(block.Slice(FieldLocations.DeviceMajor, FieldLocations.DeviceLength), where, "devmajor");
            header.DeviceMinor = (int)ParseNumber(block.Slice(FieldLocations.DeviceMinor, FieldLocations.DeviceLength), where, "devminor");
        }

        if (header.IsUstar && !header.IsGnu)
        {
            header.Prefix = CString(block.Slice(FieldLocations.Prefix, FieldLocations.PrefixLength));
        }

        if (header.Size < 0)
        {
            throw new FileTreeException($"{where}: negative size {header.Size} in tar header.");
        }

        return header;
    }

    /// <summary>Writes a ustar header block; numbers must fit their octal fields (the writer moves larger values to PAX records).</summary>
    public void WriteTo(Span<byte> block)
    {
        block[..BlockSize].Clear();
        Put(block, FieldLocations.Name, FieldLocations.NameLength, Name);
        WriteOctal(block.Slice(FieldLocations.Mode, FieldLocations.IdLength), Mode);
        WriteOctal(block.Slice(FieldLocations.Uid, FieldLocations.IdLength), Uid);
        WriteOctal(block.Slice(FieldLocations.Gid, FieldLocations.IdLength), Gid);
        WriteOctal(block.Slice(FieldLocations.Size, FieldLocations.SizeLength), Size);
        WriteOctal(block.Slice(FieldLocations.ModificationTime, FieldLocations.ModificationTimeLength), ModificationTime);
        block[FieldLocations.TypeFlag] = TypeFlag;
        Put(block, FieldLocations.LinkName, FieldLocations.LinkNameLength, LinkName);
        UstarMagic.CopyTo(block[FieldLocations.Magic..]);
        Put(block, FieldLocations.UserName, FieldLocations.OwnerNameLength, UserName);
        Put(block, FieldLocations.GroupName, FieldLocations.OwnerNameLength, GroupName);
        WriteOctal(block.Slice(FieldLocations.DeviceMajor, FieldLocations.DeviceLength), DeviceMajor);
        WriteOctal(block.Slice(FieldLocations.DeviceMinor, FieldLocations.DeviceLength), DeviceMinor);
        Put(block, FieldLocations.Prefix, FieldLocations.PrefixLength, Prefix);

        // The checksum is computed with its own field read as spaces, then stored as 6 octal digits, NUL, space.
        block.Slice(FieldLocations.Checksum, FieldLocations.ChecksumLength).Fill((byte)' ');
        var (sum, _) = ComputeChecksums(block);
        var digits = Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0'));
        digits.CopyTo(block[FieldLocations.Checksum..]);
        block[FieldLocations.Checksum + 6] = 0;
        block[FieldLocations.Checksum + 7] = (byte)' ';
    }

    /// <summary>The largest value an octal field of <paramref name="fieldLength"/> bytes holds (one byte is the terminator).</summary>
    public static long MaxOctal(int fieldLength) => (1L << (3 * (fieldLength - 1))) - 1;

    private static void Put(Span<byte> block, int offset, int length, byte[] value)
    {
        if (value.Length > length)
        {
            throw new InvalidOperationException($"Tar header field at {offset} holds {length} bytes, got {value.Length}.");
        }

        value.CopyTo(block[offset..]);
    }

    private static void WriteOctal(Span<byte> field, long value)
    {
        if (value < 0 || value > MaxOctal(field.Length))
        {
            throw new InvalidOperationException($"Value {value} does not fit a {field.Length}-byte octal tar field.");
        }

        var text = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        Encoding.ASCII.GetBytes(text, field);
        field[^1] = 0;
    }

    private static (long Unsigned, long Signed) ComputeChecksums(ReadOnlySpan<byte> block)
    {
        long unsignedSum = 0, signedSum = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            var b = i is >= FieldLocations.Checksum and < FieldLocations.Checksum + FieldLocations.ChecksumLength ? (byte)' ' : block[i];
            unsignedSum += b;
            signedSum += (sbyte)b;
        }

        return (unsignedSum, signedSum);
    }

    private static byte[] CString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return (end < 0 ? field : field[..end]).ToArray();
    }

    /// <summary>Octal (space/NUL padded) or GNU base-256 (high bit of the first byte set).</summary>
    private static long ParseNumber(ReadOnlySpan<byte> field, string where, string what)
    {
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] == 0xFF ? -1 : field[0] & 0x7F;
            foreach (var b in field[1..])
            {
                if (value > long.MaxValue >> 8 || value < long.MinValue >> 8)
                {
                    throw new FileTreeException($"{where}: base-256 {what} field overflows.");
                }

                value = (value << 8) | b;
            }

            return value;
        }

        long result = 0;
        var i = 0;
        while (i < field.Length && (field[i] == (byte)' ' || field[i] == 0))
        {
            i++;
        }

        for (; i < field.Length; i++)
        {
            var c = field[i];
            if (c == (byte)' ' || c == 0)
            {
                break;
            }

            if (c is < (byte)'0' or > (byte)'7')
            {
                throw new FileTreeException($"{where}: malformed tar header, {what} field '{Encoding.ASCII.GetString(field).TrimEnd('\0')}' is not octal.");
            }

            result = (result << 3) | (long)(c - '0');
        }

        return result;
    }
}
