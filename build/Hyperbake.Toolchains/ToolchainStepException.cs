namespace Hyperbake.Toolchains;

/// <summary>A step that exited non-zero (or could not start): the message has the command, the exit code and the last lines of output.</summary>
public sealed class ToolchainStepException : Exception
{
    public ToolchainStepException(string toolchain, string commandLine, int exitCode, IReadOnlyList<string> lastLines, string? hint = null)
        : base(Format(toolchain, commandLine, exitCode, lastLines, hint))
    {
        Toolchain = toolchain;
        CommandLine = commandLine;
        ExitCode = exitCode;
        LastLines = lastLines;
    }

    public ToolchainStepException(string message)
        : base(message)
    {
        Toolchain = "";
        CommandLine = "";
        LastLines = [];
        ExitCode = -1;
    }

    public string Toolchain { get; }

    public string CommandLine { get; }

    public int ExitCode { get; }

    public IReadOnlyList<string> LastLines { get; }

    private static string Format(string toolchain, string commandLine, int exitCode, IReadOnlyList<string> lastLines, string? hint)
    {
        var text = new System.Text.StringBuilder();
        text.Append($"Toolchain '{toolchain}' step failed with exit code {exitCode}: {commandLine}");
        if (lastLines.Count > 0)
        {
            text.Append($"\nLast {lastLines.Count} lines of output:\n  ");
            text.AppendJoin("\n  ", lastLines);
        }

        if (hint is not null)
        {
            text.Append('\n').Append(hint);
        }

        return text.ToString();
    }
}
