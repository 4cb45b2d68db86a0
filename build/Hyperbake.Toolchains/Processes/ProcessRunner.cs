using System.Diagnostics;

namespace Hyperbake.Toolchains.Processes;

/// <summary>
/// Starts a program with an argument list (no shell), streams stdout and stderr line by line to a
/// sink as they arrive, and keeps the last lines for error messages.
/// </summary>
public static class ProcessRunner
{
    /// <param name="captureStandardOutput">Also return stdout as one string (for small outputs such as <c>docker images -q</c>).</param>
    public static ProcessResult Run(
        string program,
        IEnumerable<string> arguments,
        Action<string>? sink = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        bool captureStandardOutput = false,
        int tailLines = 20)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                psi.Environment[name] = value;
            }
        }

        var tail = new OutputTail(tailLines);
        var captured = captureStandardOutput ? new System.Text.StringBuilder() : null;
        var sinkGate = new Lock();
        using var process = new Process { StartInfo = psi };
        void Line(string? line, bool fromStdout)
        {
            if (line is null)
            {
                return;
            }

            tail.Add(line);
            lock (sinkGate)
            {
                if (fromStdout)
                {
                    captured?.Append(line).Append('\n');
                }

                sink?.Invoke(line);
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data, fromStdout: true);
        process.ErrorDataReceived += (_, e) => Line(e.Data, fromStdout: false);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolchainStepException($"Cannot start '{program}': {e.Message}. Install it or put it on PATH.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TimeSpan.FromHours(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            tail.Add($"(killed after {limit.TotalSeconds:0} s)");
            return new ProcessResult(124, tail.Lines, captured?.ToString());
        }

        // The parameterless wait drains the asynchronous readers so no line is lost.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, tail.Lines, captured?.ToString());
    }
}
