namespace Hyperbake.Model;

/// <summary>Where a value was written: a file and a 1-based line (0 when unknown, e.g. a default).</summary>
public readonly record struct SourceMark(string File, int Line)
{
    public static readonly SourceMark None = new("<default>", 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
