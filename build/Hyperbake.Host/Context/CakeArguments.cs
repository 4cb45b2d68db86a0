namespace Hyperbake.Host;

/// <summary>Arguments keyed case-insensitively, keeping every value of a repeated switch.</summary>
public sealed class CakeArguments : ICakeArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    public CakeArguments(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values)
        {
            if (!_values.TryGetValue(key, out var list))
            {
                _values[key] = list = [];
            }

            list.Add(value);
        }
    }

    public bool HasArgument(string name) => _values.ContainsKey(name);

    public IReadOnlyList<string> GetArguments(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> GetArguments() =>
        _values.ToDictionary(x => x.Key, x => (IReadOnlyList<string>)x.Value, StringComparer.OrdinalIgnoreCase);
}
