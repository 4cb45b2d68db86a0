namespace Hyperbake.Model.Yaml;

/// <summary>
/// A YAML value that remembers where it was written, so every later error (unknown key, bad
/// value, missing file) can name the file and line even after layers were merged.
/// </summary>
public abstract record YNode(SourceMark Mark)
{
    public string Describe() => this switch
    {
        YScalar s => $"'{s.Value}'",
        YSequence => "a list",
        YMapping => "a mapping",
        _ => "a value",
    };
}

/// <summary>A scalar as written (YAML tags are not used; typing happens when a recipe is read).</summary>
public sealed record YScalar(string Value, SourceMark Mark) : YNode(Mark);

public sealed record YSequence(IReadOnlyList<YNode> Items, SourceMark Mark) : YNode(Mark);

/// <summary>A mapping in document order; keys keep their own marks for "unknown key" errors.</summary>
public sealed record YMapping(IReadOnlyList<YEntry> Entries, SourceMark Mark) : YNode(Mark)
{
    public YNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;
}

public sealed record YEntry(string Key, SourceMark KeyMark, YNode Value);
