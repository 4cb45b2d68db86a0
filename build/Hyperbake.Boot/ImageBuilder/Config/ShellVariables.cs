namespace Hyperbake.Boot.ImageBuilder.Config;

/// <summary>Where a value came from: the config file and line, or another source (a YAML key).</summary>
public sealed record ConfigSource(string Origin, int Line)
{
    public override string ToString() => Line > 0 ? $"{Origin}:{Line}" : Origin;
}

/// <summary>One assigned value and where it was assigned.</summary>
public sealed record ShellValue(string Text, ConfigSource Source);

/// <summary>
/// The variables a sourced config leaves behind. Bash makes every variable an array:
/// <c>NAME=x</c> sets element 0 and <c>$NAME</c> reads element 0, which is why
/// ImageBuilder's unindexed <c>${DOMU_VUART_PL011}</c> reads <c>DOMU_VUART_PL011[0]</c>.
/// </summary>
public sealed class ShellVariables
{
    private readonly Dictionary<string, SortedDictionary<int, ShellValue>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Names used in a <c>$NAME</c> expansion (helper variables, not mistakes).</summary>
    public IReadOnlySet<string> Referenced => _referenced;

    public void Set(string name, int index, ShellValue value)
    {
        if (!_values.TryGetValue(name, out var elements))
        {
            _values[name] = elements = [];
        }

        elements[index] = value;
    }

    public void Unset(string name) => _values.Remove(name);

    public ShellValue? Get(string name, int index = 0) =>
        _values.TryGetValue(name, out var e) && e.TryGetValue(index, out var v) ? v : null;

    /// <summary>The value as bash expands it: empty when unset.</summary>
    public string Text(string name, int index = 0) => Get(name, index)?.Text ?? string.Empty;

    public IReadOnlyDictionary<int, ShellValue> Elements(string name) =>
        _values.TryGetValue(name, out var e) ? e : new SortedDictionary<int, ShellValue>();

    internal void MarkReferenced(string name) => _referenced.Add(name);
}
