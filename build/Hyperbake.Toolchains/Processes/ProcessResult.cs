namespace Hyperbake.Toolchains.Processes;

/// <summary>How a process ended and the last lines it printed.</summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> LastLines, string? StandardOutput);
