using System.Globalization;
using Hyperbake.Model.Yaml;

namespace Build.Stages.Imaging;

/// <summary>Sizes as users write them in options and layouts.</summary>
public static class SizeText
{
    /// <summary>Parses 4096, 36MiB, 1G, 512K (binary units); <paramref name="spelling"/> names the setting in the error.</summary>
    public static long Parse(string key, string value, OptionSpelling spelling)
    {
        if (YRead.TryParseSize(value, out var bytes) && bytes > 0)
        {
            return bytes;
        }

        throw new ImagingInputException(
            $"{spelling.Given(key, value)} is not a size. Write bytes (4096) or a number with a binary unit: K, M, G, T (or KiB, MiB, GiB, TiB), e.g. {spelling.Suggest(key, "36MiB")}.");
    }

    /// <summary>The shortest exact spelling of a byte count ("9MiB", "4100KiB", "1000"); rounded up to whole MiB when <paramref name="roundUpToMiB"/>.</summary>
    public static string Format(long bytes, bool roundUpToMiB = false)
    {
        const long mib = 1 << 20;
        if (roundUpToMiB)
        {
            bytes = (bytes + mib - 1) / mib * mib;
        }

        foreach (var (unit, name) in new[] { (1L << 30, "GiB"), (mib, "MiB"), (1L << 10, "KiB") })
        {
            if (bytes >= unit && bytes % unit == 0)
            {
                return (bytes / unit).ToString(CultureInfo.InvariantCulture) + name;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }
}
