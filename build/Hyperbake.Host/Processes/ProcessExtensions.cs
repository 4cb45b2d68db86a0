using System.Diagnostics;

namespace Hyperbake.Host;

public static class ProcessExtensions
{
    /// <summary>
    /// Runs a program and streams its stdout and stderr, line by line, into the build log (and so into
    /// the running task's block and log file). Returns the exit code.
    /// </summary>
    public static async Task<int> StartProcessAsync(this ICakeContext context, string fileName, ProcessSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = settings.WorkingDirectory ?? context.Environment.WorkingDirectory,
        };
        foreach (var argument in settings.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings.EnvironmentVariables)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        context.Log.Verbose("Executing: {0} {1}", fileName, string.Join(' ', settings.Arguments.Select(Quote)));
        using var process = Process.Start(info) ?? throw new CakeException($"Could not start '{fileName}'.");
        var stdout = PumpAsync(process.StandardOutput, context.Log, settings.OutputVerbosity);
        var stderr = PumpAsync(process.StandardError, context.Log, settings.OutputVerbosity);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>Runs a program and throws, naming it and its exit code, unless it exits 0.</summary>
    public static async Task RunProcessAsync(this ICakeContext context, string fileName, ProcessSettings settings, CancellationToken cancellationToken = default)
    {
        var exitCode = await context.StartProcessAsync(fileName, settings, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new CakeException($"'{fileName} {string.Join(' ', settings.Arguments.Select(Quote))}' failed with exit code {exitCode}.");
        }
    }

    private static async Task PumpAsync(StreamReader reader, ICakeLog log, Verbosity verbosity)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            log.Write(verbosity, LogLevel.Information, line);
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"') ? argument : "\"" + argument.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
