namespace Hyperbake.Host;

/// <summary>The parsed command line: the host's own switches, and everything else as arguments.</summary>
internal sealed class CommandLineOptions
{
    public List<string> Targets { get; } = [];

    public Verbosity? Verbosity { get; set; }

    public string? WorkingDirectory { get; set; }

    public bool DryRun { get; set; }

    public bool Tree { get; set; }

    public bool Description { get; set; }

    public bool Exclusive { get; set; }

    public bool Version { get; set; }

    public bool Info { get; set; }

    public bool Help { get; set; }

    /// <summary>Set by <c>--parallel[=N]</c>; 0 means "as many as there are cores".</summary>
    public int? Parallel { get; set; }

    /// <summary>Set by <c>--graph[=dot]</c>.</summary>
    public string? Graph { get; set; }

    /// <summary>Unknown switches in order; they are also configuration overrides.</summary>
    public List<KeyValuePair<string, string>> Arguments { get; } = [];
}
