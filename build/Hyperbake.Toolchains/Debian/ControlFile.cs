using System.Text;

namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Parses deb822 control data (Packages indexes, Release files, .sources files, a package's control):
/// paragraphs separated by blank lines, "Name: value" fields, continuation lines starting with white space.
/// </summary>
public static class ControlFile
{
    public static IEnumerable<ControlStanza> Parse(string text, string origin, HashSet<string>? keep = null) => Parse(new StringReader(text), origin, keep);

    /// <param name="keep">Only these fields are stored (a Packages index has ~60,000 long descriptions nobody reads); null keeps all.</param>
    public static IEnumerable<ControlStanza> Parse(TextReader reader, string origin, HashSet<string>? keep = null)
    {
        // Looked up by span: most lines of an index are fields that are skipped, so their names are never allocated.
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? wanted = keep?.GetAlternateLookup<ReadOnlySpan<char>>();
        Dictionary<string, string>? fields = null;
        string? last = null;
        StringBuilder? continued = null;
        var start = 0;
        var number = 0;

        void Flush()
        {
            if (last is not null && continued is not null)
            {
                fields![last] = continued.ToString();
            }

            continued = null;
        }

        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                Flush();
                if (fields is { Count: > 0 })
                {
                    yield return new ControlStanza(fields, start);
                }

                fields = null;
                last = null;
                continue;
            }

            if (line[0] == '#')
            {
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                if (fields is null)
                {
                    throw new FormatException($"{origin}:{number}: a continuation line with no field before it.");
                }

                if (last is not null)
                {
                    continued ??= new StringBuilder(fields[last]);
                    continued.Append('\n').Append(line.AsSpan().Trim());
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"{origin}:{number}: '{line}' is not a 'Field: value' line.");
            }

            Flush();
            if (fields is null)
            {
                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                start = number;
            }

            if (wanted is { } lookup && !lookup.Contains(line.AsSpan(0, colon)))
            {
                // A skipped field: its continuation lines are skipped with it.
                last = null;
                continue;
            }

            last = line[..colon];
            fields[last] = line[(colon + 1)..].Trim();
        }

        Flush();
        if (fields is { Count: > 0 })
        {
            yield return new ControlStanza(fields, start);
        }
    }
}
