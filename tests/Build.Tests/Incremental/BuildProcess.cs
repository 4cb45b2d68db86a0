using System.Diagnostics;
using System.Text;

namespace Build.Tests.Incremental;

/// <summary>One run of the real build host as a child process (what build.sh execs), which a test may kill.</summary>
public sealed class BuildProcess
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private BuildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Starts <c>dotnet Build.dll ARGS</c> with <c>HYPERBAKE_ROOT=root</c> (and any extra environment).</summary>
    public static BuildProcess Start(string root, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Build.dll"));
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["HYPERBAKE_ROOT"] = root;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("LIVE_UPDATE");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return new BuildProcess(Process.Start(info)!);
    }

    /// <summary>Waits for the build to end by itself; its exit code.</summary>
    public int Wait(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The build did not finish within {timeout}. Output:\n{Output}");
        }

        _process.WaitForExit();
        Elapsed = _clock.Elapsed;
        return _process.ExitCode;
    }

    /// <summary>
    /// Lets the build run for <paramref name="after"/>, then sends <paramref name="signal"/> (KILL or INT).
    /// True when the build was still running and was killed; false when it had finished by itself.
    /// </summary>
    public bool KillAfter(TimeSpan after, string signal)
    {
        if (_process.WaitForExit(after))
        {
            _process.WaitForExit();
            Elapsed = _clock.Elapsed;
            return false;
        }

        if (signal == "KILL")
        {
            _process.Kill();
        }
        else
        {
            using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                _process.Kill();
            }
        }

        _process.WaitForExit();
        Elapsed = _clock.Elapsed;
        return true;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
