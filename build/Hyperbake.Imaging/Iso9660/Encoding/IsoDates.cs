using System.Globalization;

namespace Hyperbake.Imaging.Iso9660.Encoding;

/// <summary>
/// The two date forms of ECMA-119: the 17-byte "dec-datetime" of volume descriptors (8.4.26.1,
/// digits plus a GMT offset) and the 7-byte binary date of directory records (9.1.5). Both are
/// written in UTC (offset 0) so the bytes depend only on the given time.
/// </summary>
internal static class IsoDates
{
    public const int VolumeDateLength = 17;

    public const int RecordDateLength = 7;

    /// <summary>The last second a 7-byte record date can hold (years since 1900 in one byte).</summary>
    private static readonly long RecordDateMaximum = new DateTimeOffset(2155, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly long RecordDateMinimum = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>Whether a time fits the 7-byte form (1900..2155).</summary>
    public static bool FitsRecordDate(long unixSeconds) => unixSeconds >= RecordDateMinimum && unixSeconds <= RecordDateMaximum;

    /// <summary>8.4.26.1: "YYYYMMDDHHMMSScc" in digits and a signed offset in 15-minute units.</summary>
    public static void WriteVolumeDate(Span<byte> field, long unixSeconds)
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, -62135596800L, 253402300799L));
        var text = t.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "00";
        for (var i = 0; i < 16; i++)
        {
            field[i] = (byte)text[i];
        }

        field[16] = 0;
    }

    /// <summary>8.4.26.1: "not specified" is sixteen '0' digits and a zero offset.</summary>
    public static void WriteUnsetVolumeDate(Span<byte> field)
    {
        field[..16].Fill((byte)'0');
        field[16] = 0;
    }

    /// <summary>9.1.5: years since 1900, month, day, hour, minute, second, GMT offset; out-of-range times are clamped.</summary>
    public static void WriteRecordDate(Span<byte> field, long unixSeconds)
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, RecordDateMinimum, RecordDateMaximum)).UtcDateTime;
        field[0] = (byte)(t.Year - 1900);
        field[1] = (byte)t.Month;
        field[2] = (byte)t.Day;
        field[3] = (byte)t.Hour;
        field[4] = (byte)t.Minute;
        field[5] = (byte)t.Second;
        field[6] = 0;
    }
}
