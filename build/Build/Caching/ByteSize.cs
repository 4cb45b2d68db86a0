using System.Globalization;

namespace Build.Caching;

/// <summary>Sizes as people write them in cake.config: <c>20GiB</c>, <c>500M</c>, <c>1.5 GB</c>, <c>1048576</c>.</summary>
public static class ByteSize
{
    private static readonly (string Suffix, double Factor)[] Units =
    [
        ("tib", 1L << 40), ("gib", 1L << 30), ("mib", 1L << 20), ("kib", 1L << 10),
        ("tb", 1e12), ("gb", 1e9), ("mb", 1e6), ("kb", 1e3),
        ("t", 1L << 40), ("g", 1L << 30), ("m", 1L << 20), ("k", 1L << 10), ("b", 1),
    ];

    /// <summary>The number of bytes; throws naming the setting and a valid spelling.</summary>
    public static long Parse(string text, string setting)
    {
        var value = text.Trim().ToLowerInvariant();
        var factor = 1.0;
        foreach (var (suffix, f) in Units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                value = value[..^suffix.Length].TrimEnd();
                factor = f;
                break;
            }
        }

        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n >= 0 && n * factor < long.MaxValue
            ? (long)(n * factor)
            : throw new ArgumentException($"{setting}='{text}' is not a size; write for example 20GiB, 500MiB or 1048576 (bytes).");
    }
}
