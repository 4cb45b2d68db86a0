namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>
/// Keeps the identifiers of one directory distinct. A clash (names that differ only in case or
/// in characters a namespace cannot hold) gets a decimal tail on the name part, counting up
/// from the last tail given to the same base, so 5,000 clashing names stay linear. Callers
/// offer names in ordinal order of the POSIX names, so the tails are deterministic.
/// </summary>
internal sealed class UniqueNames
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> nextTail = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns <paramref name="name"/> + <paramref name="extension"/>, or with a tail inserted
    /// before the extension when the key is taken; the name is shortened so the total stays
    /// within <paramref name="maxLength"/>.
    /// </summary>
    /// <param name="name">The name part, already within the limit together with the extension.</param>
    /// <param name="extension">The extension with its leading '.', or "" (never shortened).</param>
    /// <param name="maxLength">The longest identifier allowed, version excluded.</param>
    public string Claim(string name, string extension, int maxLength)
    {
        var candidate = name + extension;
        if (taken.Add(Key(candidate)))
        {
            return candidate;
        }

        var baseKey = Key(candidate);
        var tail = nextTail.TryGetValue(baseKey, out var n) ? n : 1;
        while (true)
        {
            var digits = tail.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var keep = Math.Min(name.Length, maxLength - extension.Length - digits.Length);
            if (keep < 0)
            {
                throw new IsoBuildException($"Cannot make the identifier '{candidate}' unique within {maxLength} characters.");
            }

            candidate = name[..keep] + digits + extension;
            tail++;
            if (taken.Add(Key(candidate)))
            {
                nextTail[baseKey] = tail;
                return candidate;
            }
        }
    }

    /// <summary>Readers without Rock Ridge drop a trailing '.', so "FOO." (file) and "FOO" (directory) would collide.</summary>
    private static string Key(string identifier) => identifier.TrimEnd('.');
}
