using System.Text;
using Hyperbake.Boot.ImageBuilder.Config;

namespace Hyperbake.Boot.Xen;

/// <summary>
/// Writes an ImageBuilder config as the bash file <c>uboot-script-gen -c</c> sources, so a config made
/// from a recipe can be read back, inspected and used with ImageBuilder itself. Order is fixed: plain
/// variables by name, then NUM_DOMUS and each DomU's variables.
/// </summary>
public static class ImageBuilderConfigText
{
    public static string Render(ImageBuilderConfig config, string? heading = null)
    {
        var sb = new StringBuilder();
        if (heading is not null)
        {
            foreach (var line in heading.Split('\n'))
            {
                sb.Append("# ").Append(line).Append('\n');
            }
        }

        var variables = config.Variables;
        var domU = new HashSet<string>(ImageBuilderVariables.DomUArrays, StringComparer.Ordinal) { "NUM_DOMUS" };
        foreach (var name in variables.Names.Where(n => !domU.Contains(n)).Order(StringComparer.Ordinal))
        {
            var elements = variables.Elements(name);
            if (elements.Count == 1 && elements.ContainsKey(0) && !ImageBuilderVariables.CountedArrays.ContainsKey(name))
            {
                sb.Append(name).Append('=').Append(Quote(elements[0].Text)).Append('\n');
                continue;
            }

            foreach (var (index, value) in elements)
            {
                sb.Append(name).Append('[').Append(index).Append("]=").Append(Quote(value.Text)).Append('\n');
            }
        }

        if (config.NumDomUs > 0)
        {
            sb.Append('\n').Append("NUM_DOMUS=").Append(config.NumDomUs).Append('\n');
            for (var i = 0; i < config.NumDomUs; i++)
            {
                foreach (var name in ImageBuilderVariables.DomUArrays)
                {
                    if (variables.Get(name, i) is { } value)
                    {
                        sb.Append(name).Append('[').Append(i).Append("]=").Append(Quote(value.Text)).Append('\n');
                    }
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>A bash double-quoted word: <c>" \ $ `</c> escaped.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\' or '$' or '`')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }
}
