using System.Text;

namespace Hyperbake.Model.Yaml;

/// <summary>
/// Writes a merged document back as YAML, each value annotated with the file and line it came
/// from, so a user can see which layer set what (the effective recipe under dist/).
/// </summary>
public static class YamlEmitter
{
    public static string Emit(YNode node, IEnumerable<string>? header = null)
    {
        var sb = new StringBuilder();
        foreach (var line in header ?? [])
        {
            sb.Append("# ").Append(line).Append('\n');
        }

        Write(sb, node, 0, inSequence: false);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, YNode node, int indent, bool inSequence)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case YMapping m:
                var first = true;
                foreach (var e in m.Entries)
                {
                    if (!(inSequence && first))
                    {
                        sb.Append(pad);
                    }

                    first = false;
                    sb.Append(Quote(e.Key)).Append(':');
                    if (e.Value is YScalar s)
                    {
                        sb.Append(' ').Append(Quote(s.Value)).Append("  # ").Append(s.Mark).Append('\n');
                    }
                    else if (e.Value is YSequence { Items.Count: 0 } or YMapping { Entries.Count: 0 })
                    {
                        sb.Append(e.Value is YSequence ? " []" : " {}").Append("  # ").Append(e.Value.Mark).Append('\n');
                    }
                    else
                    {
                        sb.Append('\n');
                        Write(sb, e.Value, indent + 2, inSequence: false);
                    }
                }

                break;
            case YSequence seq:
                foreach (var item in seq.Items)
                {
                    sb.Append(pad).Append("- ");
                    if (item is YScalar s)
                    {
                        sb.Append(Quote(s.Value)).Append("  # ").Append(s.Mark).Append('\n');
                    }
                    else
                    {
                        Write(sb, item, indent + 2, inSequence: true);
                    }
                }

                break;
            case YScalar scalar:
                sb.Append(pad).Append(Quote(scalar.Value)).Append('\n');
                break;
        }
    }

    private static string Quote(string value)
    {
        var plain = value.Length > 0
            && value.All(c => char.IsAsciiLetterOrDigit(c) || "_-./+,=@ ".Contains(c))
            && value.Trim() == value
            && !value.StartsWith('-') && !value.StartsWith('@')
            && !value.Contains(" #", StringComparison.Ordinal)
            && value is not ("true" or "false" or "null" or "yes" or "no" or "~");
        return plain ? value : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
    }
}
