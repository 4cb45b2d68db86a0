using System.Text;

namespace Hyperbake.Host;

/// <summary>
/// Reads Cake's INI dialect: <c>; comment</c> lines, <c>[Section]</c> and <c>Key=Value</c>, flattened to
/// <c>Section_Key</c>. Neither section names nor keys may contain whitespace. Values expand
/// <c>%NAME%</c> environment references.
/// </summary>
public static class ConfigurationParser
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text, string source, ICakeEnvironment environment)
    {
        var result = new List<KeyValuePair<string, string>>();
        string? section = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']' || line.Length < 3)
                {
                    throw Error(source, lineNumber, $"'{line}' is not a section header; write [Section].");
                }

                section = line[1..^1];
                if (section.Any(char.IsWhiteSpace))
                {
                    throw Error(source, lineNumber, $"the section name '{section}' contains whitespace, which is not allowed.");
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Error(source, lineNumber, $"'{line}' is neither a comment, a [Section] nor Key=Value.");
            }

            var key = line[..equals].TrimEnd();
            if (key.Any(char.IsWhiteSpace))
            {
                throw Error(source, lineNumber, $"the key '{key}' contains whitespace, which is not allowed.");
            }

            var value = Expand(line[(equals + 1)..].Trim(), environment);
            result.Add(new(section is null ? key : section + "_" + key, value));
        }

        return result;
    }

    /// <summary>Replaces <c>%NAME%</c> with the variable's value; unknown names stay as written.</summary>
    public static string Expand(string value, ICakeEnvironment environment)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            var start = value.IndexOf('%', i);
            var end = start < 0 ? -1 : value.IndexOf('%', start + 1);
            if (end < 0)
            {
                sb.Append(value, i, value.Length - i);
                break;
            }

            sb.Append(value, i, start - i);
            var name = value[(start + 1)..end];
            var replacement = name.Length == 0 ? null : environment.GetEnvironmentVariable(name);
            if (replacement is null)
            {
                sb.Append(value, start, end - start);
                i = end;
            }
            else
            {
                sb.Append(replacement);
                i = end + 1;
            }
        }

        return sb.ToString();
    }

    private static CakeException Error(string source, int line, string message) =>
        new($"{source}:{line}: {message}");
}
