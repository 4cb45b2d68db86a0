namespace Hyperbake.Imaging.Fat;

/// <summary>
/// DOS dates and times: date = (year-1980)&lt;&lt;9 | month&lt;&lt;5 | day, time = hour&lt;&lt;11 | minute&lt;&lt;5 | second/2.
/// FAT stores local time without a zone; we store the UTC fields, so images do not depend on the build machine's zone.
/// </summary>
public readonly record struct FatTimestamp(ushort Date, ushort Time, byte Tenths)
{
    private static readonly DateTime Earliest = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Latest = new(2107, 12, 31, 23, 59, 58, DateTimeKind.Utc);

    /// <summary>Converts Unix seconds, clamping to the 1980..2107 range FAT can hold.</summary>
    public static FatTimestamp FromUnixSeconds(long seconds)
    {
        var t = seconds < (long)(Earliest - DateTime.UnixEpoch).TotalSeconds ? Earliest
            : seconds > (long)(Latest - DateTime.UnixEpoch).TotalSeconds ? Latest
            : DateTime.UnixEpoch.AddSeconds(seconds);
        var date = (ushort)(((t.Year - 1980) << 9) | (t.Month << 5) | t.Day);
        var time = (ushort)((t.Hour << 11) | (t.Minute << 5) | (t.Second / 2));

        // The creation time's tenths field keeps the odd second the 2-second time field loses.
        return new FatTimestamp(date, time, (byte)(t.Second % 2 * 100));
    }
}
