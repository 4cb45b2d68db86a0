using System.Globalization;

namespace Hyperbake.Imaging.DeviceTree;

/// <summary>
/// Encodes command-line words into a property value the way <c>fdtput -t TYPE</c> does:
/// <c>s</c> one string per word, <c>i</c> signed cells (C <c>%i</c>: 0x hex, leading-0 octal),
/// <c>u</c> unsigned decimal cells, <c>x</c> hexadecimal cells (an optional 0x prefix).
/// No words give an empty property.
/// </summary>
public static class FdtPutValue
{
    public static byte[] Encode(char type, IReadOnlyList<string> words) => type switch
    {
        's' => DeviceTreeProperty.EncodeStrings(words),
        'i' => DeviceTreeProperty.EncodeU32(words.Select(w => (uint)ParseC(w, 0)).ToArray()),
        'u' => DeviceTreeProperty.EncodeU32(words.Select(w => (uint)ParseC(w, 10)).ToArray()),
        'x' => DeviceTreeProperty.EncodeU32(words.Select(w => (uint)ParseC(w, 16)).ToArray()),
        _ => throw new DeviceTreeException($"fdtput value type '{type}' is not supported; use s, i, u or x."),
    };

    /// <summary>Parses like C's strtol with the given base (0 means: from the prefix).</summary>
    public static long ParseC(string word, int numberBase)
    {
        var s = word.Trim();
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+'))
        {
            s = s[1..];
        }

        if ((numberBase is 0 or 16) && (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)))
        {
            s = s[2..];
            numberBase = 16;
        }
        else if (numberBase == 0)
        {
            numberBase = s.Length > 1 && s[0] == '0' ? 8 : 10;
        }

        if (s.Length == 0)
        {
            throw new DeviceTreeException($"'{word}' is not a number.");
        }

        long value = 0;
        foreach (var c in s)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= numberBase)
            {
                throw new DeviceTreeException($"'{word}' is not a base-{numberBase.ToString(CultureInfo.InvariantCulture)} number.");
            }

            value = unchecked((value * numberBase) + digit);
        }

        return negative ? -value : value;
    }
}
