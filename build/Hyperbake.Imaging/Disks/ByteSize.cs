using System.Globalization;

namespace Hyperbake.Imaging.Disks;

/// <summary>Byte counts as people read them in error messages: "300 MiB (314,572,800 bytes)".</summary>
public static class ByteSize
{
    public const long KiB = 1024;
    public const long MiB = 1024 * KiB;
    public const long GiB = 1024 * MiB;

    /// <summary>"314,572,800 bytes".</summary>
    public static string Bytes(long value) => value.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    /// <summary>"300 MiB (314,572,800 bytes)" when the value is a whole number of a binary unit, else just the bytes.</summary>
    public static string Describe(long value)
    {
        foreach (var (unit, name) in new[] { (GiB, "GiB"), (MiB, "MiB"), (KiB, "KiB") })
        {
            if (value >= unit && value % unit == 0)
            {
                return $"{(value / unit).ToString("N0", CultureInfo.InvariantCulture)} {name} ({Bytes(value)})";
            }
        }

        return Bytes(value);
    }

    public static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
