using System.Globalization;

namespace Hyperbake.Model.Yaml;

/// <summary>
/// Strict readers from <see cref="YNode"/> to typed values (linuxkit's strict schema): unknown
/// keys and wrongly typed values are errors that name the file, the line, the value and the fix.
/// </summary>
public static class YRead
{
    public static YMapping Mapping(YNode node, string what) =>
        node as YMapping ?? throw ModelException.At(node.Mark, $"{what} must be a mapping, not {node.Describe()}.");

    /// <summary>Fails on the first key not in <paramref name="allowed"/>, listing what is allowed.</summary>
    public static void OnlyKeys(YMapping mapping, string what, params string[] allowed)
    {
        foreach (var entry in mapping.Entries)
        {
            if (!allowed.Contains(entry.Key, StringComparer.Ordinal))
            {
                var near = allowed.FirstOrDefault(a => string.Equals(a, entry.Key, StringComparison.OrdinalIgnoreCase));
                var hint = near is not null ? $" Did you mean '{near}'?" : $" Allowed keys: {string.Join(", ", allowed)}.";
                throw ModelException.At(entry.KeyMark, $"unknown key '{entry.Key}' in {what}.{hint}");
            }
        }
    }

    public static string? OptionalString(YMapping m, string key) => m[key] switch
    {
        null => null,
        YScalar s => s.Value,
        var other => throw ModelException.At(other.Mark, $"'{key}' must be a single value, not {other.Describe()}."),
    };

    public static string RequiredString(YMapping m, string key, string what) =>
        OptionalString(m, key) is { Length: > 0 } s ? s : throw ModelException.At(m.Mark, $"{what} needs '{key}'.");

    public static int OptionalInt(YMapping m, string key, int fallback)
    {
        var s = OptionalString(m, key);
        if (s is null)
        {
            return fallback;
        }

        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw ModelException.At(m[key]!.Mark, $"'{key}' must be a whole number, not '{s}'.");
    }

    public static bool OptionalBool(YMapping m, string key, bool fallback)
    {
        var s = OptionalString(m, key);
        return s switch
        {
            null => fallback,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw ModelException.At(m[key]!.Mark, $"'{key}' must be true or false, not '{s}'."),
        };
    }

    public static IReadOnlyList<string> StringList(YMapping m, string key) => m[key] switch
    {
        null => [],
        YScalar s when s.Value.Length == 0 => [],
        YScalar s => [s.Value],
        YSequence seq => [.. seq.Items.Select(i => i is YScalar s ? s.Value : throw ModelException.At(i.Mark, $"'{key}' must list plain values, not {i.Describe()}."))],
        var other => throw ModelException.At(other.Mark, $"'{key}' must be a list, not {other.Describe()}."),
    };

    /// <summary>Parses sizes as users write them: 512, 36MiB, 1 GiB, 300M (binary units), 10%.</summary>
    public static long Size(YScalar scalar, string key)
    {
        if (TryParseSize(scalar.Value, out var bytes))
        {
            return bytes;
        }

        throw ModelException.At(scalar.Mark, $"'{key}' must be a size such as 36MiB, 1GiB or 4096, not '{scalar.Value}'.");
    }

    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        var i = 0;
        while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.'))
        {
            i++;
        }

        if (i == 0 || !decimal.TryParse(t[..i], NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long unit = t[i..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            "T" or "TB" or "TIB" => 1L << 40,
            _ => 0,
        };
        if (unit == 0)
        {
            return false;
        }

        bytes = (long)(number * unit);
        return true;
    }
}
