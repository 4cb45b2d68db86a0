namespace Hyperbake.Toolchains.Debian;

/// <summary>One deb822 paragraph: fields by name (case-insensitive, as Debian policy says), folded lines joined with '\n'.</summary>
public sealed class ControlStanza(Dictionary<string, string> fields, int line)
{
    public IReadOnlyDictionary<string, string> Fields => fields;

    /// <summary>The 1-based line the paragraph starts at, for messages.</summary>
    public int Line => line;

    public string? Get(string name) => fields.TryGetValue(name, out var v) ? v : null;

    public string Require(string name, string origin) =>
        Get(name) ?? throw new FormatException($"{origin}:{line}: the paragraph has no '{name}' field.");
}
