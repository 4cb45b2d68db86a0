using System.Text.RegularExpressions;

namespace Hyperbake.Toolchains.Kernel;

/// <summary>
/// Merges a base config (a defconfig) with Yocto-style <c>.cfg</c> fragments the way
/// <c>scripts/kconfig/merge_config.sh</c> does: each <c>CONFIG_X=value</c> or <c>"# CONFIG_X is not set"</c>
/// line replaces the earlier setting of the same symbol; later fragments win; redefinitions are reported.
/// The kernel's <c>make olddefconfig</c> then fills in the rest (run in the kernel toolchain).
/// </summary>
public static partial class KconfigFragments
{
    /// <summary>The merged config text and the notes merge_config.sh would print for values that were overridden.</summary>
    public static (string Config, IReadOnlyList<string> Overrides) Merge(string baseConfig, IEnumerable<(string Name, string Text)> fragments)
    {
        var order = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var overrides = new List<string>();
        var other = new List<string>();

        void Apply(string text, string origin, bool report)
        {
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r').Trim();
                if (Symbol(line) is not { } symbol)
                {
                    if (!report && line.Length > 0)
                    {
                        other.Add(line);
                    }

                    continue;
                }

                if (values.TryGetValue(symbol, out var previous))
                {
                    if (report && previous != line)
                    {
                        overrides.Add($"{origin}: {symbol} was '{previous}', now '{line}'");
                    }
                }
                else
                {
                    order.Add(symbol);
                }

                values[symbol] = line;
            }
        }

        Apply(baseConfig, "base", report: false);
        foreach (var (name, text) in fragments)
        {
            Apply(text, name, report: true);
        }

        var merged = string.Join('\n', order.Select(s => values[s])) + "\n";
        return (merged, overrides);
    }

    /// <summary>The symbol a line sets or unsets, or null for comments and blank lines.</summary>
    public static string? Symbol(string line)
    {
        var m = SymbolPattern().Match(line);
        return m.Success ? (m.Groups["set"].Success ? m.Groups["set"].Value : m.Groups["unset"].Value) : null;
    }

    /// <summary>
    /// Settings a fragment asked for that the final <c>.config</c> does not have (Kconfig dropped them:
    /// a missing dependency or a typo), as merge_config.sh warns after olddefconfig.
    /// </summary>
    public static IReadOnlyList<string> Missing(string requested, string final)
    {
        var have = new HashSet<string>(final.Split('\n').Select(l => l.Trim()), StringComparer.Ordinal);
        return [.. requested.Split('\n').Select(l => l.Trim()).Where(l => Symbol(l) is not null && !have.Contains(l) &&
            !(l.StartsWith("# ", StringComparison.Ordinal) && !final.Contains(Symbol(l)! + "=", StringComparison.Ordinal)))];
    }

    [GeneratedRegex(@"^(?:(?<set>CONFIG_[A-Za-z0-9_]+)=.*|# (?<unset>CONFIG_[A-Za-z0-9_]+) is not set)$")]
    private static partial Regex SymbolPattern();
}
