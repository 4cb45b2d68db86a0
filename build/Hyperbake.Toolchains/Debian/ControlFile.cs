namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Parses deb822 control data (Packages indexes, Release files, .sources files, a package's control):
/// paragraphs separated by blank lines, "Name: value" fields, continuation lines starting with white space.
/// </summary>
public static class ControlFile
{
    public static IEnumerable<ControlStanza> Parse(string text, string origin) => Parse(new StringReader(text), origin);

    public static IEnumerable<ControlStanza> Parse(TextReader reader, string origin)
    {
        Dictionary<string, string>? fields = null;
        string? last = null;
        var start = 0;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.Trim().Length == 0)
            {
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
                if (fields is null || last is null)
                {
                    throw new FormatException($"{origin}:{number}: a continuation line with no field before it.");
                }

                fields[last] = fields[last] + "\n" + line.Trim();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"{origin}:{number}: '{line}' is not a 'Field: value' line.");
            }

            if (fields is null)
            {
                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                start = number;
            }

            last = line[..colon];
            fields[last] = line[(colon + 1)..].Trim();
        }

        if (fields is { Count: > 0 })
        {
            yield return new ControlStanza(fields, start);
        }
    }
}
