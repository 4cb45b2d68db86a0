using System.Globalization;
using System.Text;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Cpio;

/// <summary>
/// The 110-byte SVR4 "new ASCII" cpio header (newc, magic 070701; crc variant 070702): thirteen
/// 8-digit hex fields. The name (with its NUL) follows and is padded so that header + name is a
/// multiple of 4, as is the data after it.
/// </summary>
public sealed class CpioHeader
{
    public const int Length = 110;
    public const string NewcMagic = "070701";
    public const string CrcMagic = "070702";
    public const string Trailer = "TRAILER!!!";

    /// <summary>Offsets of the 8-hex-digit fields, in header order.</summary>
    public static class FieldLocations
    {
        public const int Magic = 0;
        public const int Inode = 6;
        public const int Mode = 14;
        public const int Uid = 22;
        public const int Gid = 30;
        public const int LinkCount = 38;
        public const int ModificationTime = 46;
        public const int FileSize = 54;
        public const int DeviceMajor = 62;
        public const int DeviceMinor = 70;
        public const int RdevMajor = 78;
        public const int RdevMinor = 86;
        public const int NameSize = 94;
        public const int Check = 102;
        public const int FieldLength = 8;
    }

    public bool HasCrc { get; set; }

    public uint Inode { get; set; }

    public uint Mode { get; set; }

    public uint Uid { get; set; }

    public uint Gid { get; set; }

    public uint LinkCount { get; set; }

    public uint ModificationTime { get; set; }

    public uint FileSize { get; set; }

    public uint DeviceMajor { get; set; }

    public uint DeviceMinor { get; set; }

    public uint RdevMajor { get; set; }

    public uint RdevMinor { get; set; }

    /// <summary>Name length including the terminating NUL.</summary>
    public uint NameSize { get; set; }

    /// <summary>For the crc format: the sum of the data bytes (mod 2^32); 0 for newc.</summary>
    public uint Check { get; set; }

    /// <summary>Bytes of padding that follow <paramref name="length"/> bytes to reach a multiple of 4.</summary>
    public static int Padding(long length) => (int)((4 - (length % 4)) % 4);

    public static CpioHeader Parse(ReadOnlySpan<byte> bytes, string where)
    {
        var magic = Encoding.ASCII.GetString(bytes[..6]);
        if (magic != NewcMagic && magic != CrcMagic)
        {
            var hint = magic == "070707" ? " (old portable ASCII 'odc' format; use -H newc)"
                : bytes[0] == 0xC7 && bytes[1] == 0x71 || bytes[0] == 0x71 && bytes[1] == 0xC7 ? " (old binary format; use -H newc)" : "";
            throw new FileTreeException($"{where}: not a newc/crc cpio header (magic '{Escape(magic)}'){hint}.");
        }

        return new CpioHeader
        {
            HasCrc = magic == CrcMagic,
            Inode = Field(bytes, FieldLocations.Inode, where),
            Mode = Field(bytes, FieldLocations.Mode, where),
            Uid = Field(bytes, FieldLocations.Uid, where),
            Gid = Field(bytes, FieldLocations.Gid, where),
            LinkCount = Field(bytes, FieldLocations.LinkCount, where),
            ModificationTime = Field(bytes, FieldLocations.ModificationTime, where),
            FileSize = Field(bytes, FieldLocations.FileSize, where),
            DeviceMajor = Field(bytes, FieldLocations.DeviceMajor, where),
            DeviceMinor = Field(bytes, FieldLocations.DeviceMinor, where),
            RdevMajor = Field(bytes, FieldLocations.RdevMajor, where),
            RdevMinor = Field(bytes, FieldLocations.RdevMinor, where),
            NameSize = Field(bytes, FieldLocations.NameSize, where),
            Check = Field(bytes, FieldLocations.Check, where),
        };
    }

    public void WriteTo(Span<byte> bytes)
    {
        Encoding.ASCII.GetBytes(HasCrc ? CrcMagic : NewcMagic, bytes);
        Put(bytes, FieldLocations.Inode, Inode);
        Put(bytes, FieldLocations.Mode, Mode);
        Put(bytes, FieldLocations.Uid, Uid);
        Put(bytes, FieldLocations.Gid, Gid);
        Put(bytes, FieldLocations.LinkCount, LinkCount);
        Put(bytes, FieldLocations.ModificationTime, ModificationTime);
        Put(bytes, FieldLocations.FileSize, FileSize);
        Put(bytes, FieldLocations.DeviceMajor, DeviceMajor);
        Put(bytes, FieldLocations.DeviceMinor, DeviceMinor);
        Put(bytes, FieldLocations.RdevMajor, RdevMajor);
        Put(bytes, FieldLocations.RdevMinor, RdevMinor);
        Put(bytes, FieldLocations.NameSize, NameSize);
        Put(bytes, FieldLocations.Check, Check);
    }

    private static void Put(Span<byte> bytes, int offset, uint value) =>
        Encoding.ASCII.GetBytes(value.ToString("X8", CultureInfo.InvariantCulture), bytes.Slice(offset, FieldLocations.FieldLength));

    private static uint Field(ReadOnlySpan<byte> bytes, int offset, string where)
    {
        var text = bytes.Slice(offset, FieldLocations.FieldLength);
        return uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FileTreeException($"{where}: malformed cpio header, field at byte {offset} is '{Escape(Encoding.ASCII.GetString(text))}', not 8 hex digits.");
    }

    private static string Escape(string s) => new(s.Select(c => c is >= ' ' and < (char)0x7F ? c : '?').ToArray());
}
