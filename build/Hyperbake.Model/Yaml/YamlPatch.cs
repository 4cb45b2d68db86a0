namespace Hyperbake.Model.Yaml;

/// <summary>
/// Merges a patch (an append from a higher-priority layer, or an hv/platform/arch modifier) into
/// a recipe, in the spirit of BitBake's operators:
/// <list type="bullet">
/// <item><c>key: value</c> replaces, except that two mappings merge key by key;</item>
/// <item><c>key:append: [..]</c> adds to the end of a list (<c>key:prepend</c> to the front);</item>
/// <item><c>key:remove: [..]</c> removes every equal scalar from a list.</item>
/// </list>
/// Each result keeps the mark of the file that last wrote it, so errors point at the right layer.
/// </summary>
public static class YamlPatch
{
    private const string AppendSuffix = ":append";
    private const string PrependSuffix = ":prepend";
    private const string RemoveSuffix = ":remove";

    public static YMapping Apply(YMapping target, YMapping patch)
    {
        var entries = target.Entries.ToList();
        foreach (var entry in patch.Entries)
        {
            var (key, op) = SplitOperator(entry.Key);
            var index = entries.FindIndex(e => e.Key == key);
            var existing = index >= 0 ? entries[index].Value : null;
            YNode merged = op switch
            {
                null when existing is YMapping em && entry.Value is YMapping pm => Apply(em, pm),
                null => StripOperators(entry.Value),
                AppendSuffix => Concat(existing, entry, prepend: false),
                PrependSuffix => Concat(existing, entry, prepend: true),
                RemoveSuffix => Remove(existing, entry),
                _ => throw new InvalidOperationException(),
            };

            var result = new YEntry(key, entry.KeyMark, merged);
            if (index >= 0)
            {
                entries[index] = result;
            }
            else
            {
                entries.Add(result);
            }
        }

        return new YMapping(entries, target.Mark);
    }

    /// <summary>Operators are only meaningful in patches; a base recipe that uses them gets them applied to nothing.</summary>
    public static YNode StripOperators(YNode node) => node switch
    {
        YMapping m when m.Entries.Any(e => SplitOperator(e.Key).Op is not null) => Apply(new YMapping([], m.Mark), m),
        YMapping m => new YMapping([.. m.Entries.Select(e => e with { Value = StripOperators(e.Value) })], m.Mark),
        _ => node,
    };

    private static (string Key, string? Op) SplitOperator(string key)
    {
        foreach (var suffix in new[] { AppendSuffix, PrependSuffix, RemoveSuffix })
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal) && key.Length > suffix.Length)
            {
                return (key[..^suffix.Length], suffix);
            }
        }

        return (key, null);
    }

    private static YSequence Concat(YNode? existing, YEntry entry, bool prepend)
    {
        var add = AsList(entry.Value, entry);
        var current = existing switch
        {
            null => [],
            YSequence s => s.Items,
            _ => throw ModelException.At(entry.KeyMark, $"'{entry.Key}' appends to a list, but the recipe's value is {existing.Describe()} ({existing.Mark})."),
        };
        return new YSequence(prepend ? [.. add, .. current] : [.. current, .. add], entry.Value.Mark);
    }

    private static YSequence Remove(YNode? existing, YEntry entry)
    {
        var remove = AsList(entry.Value, entry).OfType<YScalar>().Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        var current = existing switch
        {
            null => [],
            YSequence s => s.Items,
            _ => throw ModelException.At(entry.KeyMark, $"'{entry.Key}' removes from a list, but the recipe's value is {existing.Describe()} ({existing.Mark})."),
        };
        return new YSequence([.. current.Where(i => i is not YScalar s || !remove.Contains(s.Value))], entry.Value.Mark);
    }

    private static IReadOnlyList<YNode> AsList(YNode value, YEntry entry) => value switch
    {
        YSequence s => s.Items,
        YScalar s => [s],
        _ => throw ModelException.At(entry.KeyMark, $"'{entry.Key}' takes a list or a single value, not {value.Describe()}."),
    };
}
