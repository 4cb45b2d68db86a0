namespace Hyperbake.Toolchains;

/// <summary>
/// One command run in a toolchain: which toolchain (a Dockerfile folder <c>layers/*/toolchains/&lt;name&gt;/</c>),
/// the command, what it may see and write, and where its output lines go.
/// The same step runs in docker or, with the host backend, with the host's tools.
/// </summary>
public sealed record ToolchainStep
{
    /// <summary>The toolchain name, e.g. <c>dtc</c> or <c>kernel</c>.</summary>
    public required string Toolchain { get; init; }

    /// <summary>The program and its arguments (no shell unless the command names one).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Source mounts (read-only) and the output folder (writable).</summary>
    public IReadOnlyList<ToolchainMount> Mounts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory as the command sees it (a container path).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Only fetch steps may reach the network; build steps run with <c>--network none</c>.</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>Programs the command needs; the host backend checks them before running.</summary>
    public IReadOnlyList<string> RequiredTools { get; init; } = [];

    /// <summary>Receives every output line (stdout and stderr) as it is produced: the task log.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Runs as this uid:gid instead of the invoking user's (tests use it to prove ownership).</summary>
    public (int Uid, int Gid)? User { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The command as a user would type it, for messages.</summary>
    public string CommandLine => string.Join(' ', Command.Select(ProcessArguments.Quote));
}
