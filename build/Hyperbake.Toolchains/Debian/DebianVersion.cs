namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Debian version ordering ([epoch:]upstream[-revision]) as deb-version(7) defines it: non-digit runs compare
/// with '~' before everything and letters before other characters, digit runs compare numerically.
/// </summary>
public static class DebianVersion
{
    public static int Compare(string a, string b)
    {
        var (epochA, upstreamA, revisionA) = Split(a);
        var (epochB, upstreamB, revisionB) = Split(b);
        var c = epochA.CompareTo(epochB);
        if (c != 0)
        {
            return c;
        }

        c = ComparePart(upstreamA, upstreamB);
        return c != 0 ? c : ComparePart(revisionA, revisionB);
    }

    private static (long Epoch, string Upstream, string Revision) Split(string version)
    {
        var colon = version.IndexOf(':', StringComparison.Ordinal);
        var epoch = colon > 0 && long.TryParse(version.AsSpan(0, colon), out var e) ? e : 0;
        var rest = colon > 0 ? version[(colon + 1)..] : version;
        var dash = rest.LastIndexOf('-');
        return dash > 0 ? (epoch, rest[..dash], rest[(dash + 1)..]) : (epoch, rest, "");
    }

    private static int ComparePart(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            // Non-digit prefix, character by character.
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var ca = i < a.Length && !char.IsAsciiDigit(a[i]) ? Order(a[i]) : 0;
                var cb = j < b.Length && !char.IsAsciiDigit(b[j]) ? Order(b[j]) : 0;
                if (ca != cb)
                {
                    return ca.CompareTo(cb);
                }

                if (i < a.Length && !char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                if (j < b.Length && !char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
            }

            // Digit run, numerically (leading zeros ignored).
            while (i < a.Length && a[i] == '0')
            {
                i++;
            }

            while (j < b.Length && b[j] == '0')
            {
                j++;
            }

            int startA = i, startB = j;
            while (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                i++;
            }

            while (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                j++;
            }

            var lengthA = i - startA;
            var lengthB = j - startB;
            if (lengthA != lengthB)
            {
                return lengthA.CompareTo(lengthB);
            }

            var c = string.CompareOrdinal(a, startA, b, startB, lengthA);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return 0;
    }

    private static int Order(char c) => c == '~' ? -1 : char.IsAsciiLetter(c) ? c : c + 256;
}
