namespace Hyperbake.Host;

/// <summary>How <see cref="ProcessExtensions.StartProcessAsync"/> runs a program.</summary>
public sealed class ProcessSettings
{
    public IList<string> Arguments { get; init; } = [];

    /// <summary>Null: the build's working directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (or, with a null value, to remove) for the child.</summary>
    public IDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The verbosity at which the program's output lines are logged.</summary>
    public Verbosity OutputVerbosity { get; init; } = Verbosity.Normal;
}
