namespace Hyperbake.Host;

/// <summary>
/// The merged settings. Precedence, low to high: host defaults (<c>UseCakeSetting</c>), environment
/// <c>CAKE_&lt;SECTION&gt;_&lt;KEY&gt;</c>, <c>cake.config</c> in the working directory, command line
/// <c>--section_key=value</c>.
/// </summary>
public sealed class CakeConfiguration : ICakeConfiguration
{
    public const string FileName = "cake.config";
    private const string EnvironmentPrefix = "CAKE_";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public CakeConfiguration(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values)
        {
            _values[Normalize(key)] = value;
        }
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? GetValue(string key) => _values.TryGetValue(Normalize(key), out var value) ? value : null;

    /// <summary>Keys are trimmed and upper-cased, so <c>paths_tools</c> and <c>Paths_Tools</c> are one key.</summary>
    public static string Normalize(string key) => key.Trim().ToUpperInvariant();

    internal static CakeConfiguration Create(
        IEnumerable<KeyValuePair<string, string>> defaults,
        ICakeEnvironment environment,
        IEnumerable<KeyValuePair<string, string>> commandLine)
    {
        var merged = new List<KeyValuePair<string, string>>(defaults);
        foreach (var (name, value) in environment.GetEnvironmentVariables().OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                merged.Add(new(name[EnvironmentPrefix.Length..], value));
            }
        }

        var file = Path.Combine(environment.WorkingDirectory, FileName);
        if (File.Exists(file))
        {
            merged.AddRange(ConfigurationParser.Parse(File.ReadAllText(file), file, environment));
        }

        merged.AddRange(commandLine);
        return new CakeConfiguration(merged);
    }
}
