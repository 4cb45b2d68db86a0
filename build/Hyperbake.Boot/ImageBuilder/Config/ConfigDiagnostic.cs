namespace Hyperbake.Boot.ImageBuilder.Config;

public enum ConfigSeverity
{
    Warning,
    Error,
}

/// <summary>A finding about a config: the variable (with index), where it was set, and what is wrong.</summary>
public sealed record ConfigDiagnostic(ConfigSeverity Severity, string? Variable, ConfigSource? Source, string Message)
{
    public override string ToString()
    {
        var where = Source is null ? string.Empty : Source + ": ";
        var what = Variable is null ? string.Empty : Variable + " ";
        return $"{where}{Severity.ToString().ToLowerInvariant()}: {what}{Message}";
    }
}

/// <summary>A config that cannot be used; <see cref="Diagnostics"/> lists every error found.</summary>
public sealed class ImageBuilderConfigException : Exception
{
    public ImageBuilderConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())))
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }
}
