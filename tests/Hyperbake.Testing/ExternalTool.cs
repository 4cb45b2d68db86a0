using System.Diagnostics;

namespace Hyperbake.Testing;

/// <summary>The result of running an independent reference tool.</summary>
public sealed record ToolResult(int ExitCode, string StdOut, string StdErr)
{
    public string Output => StdOut + StdErr;
}

/// <summary>
/// Runs the independent tools the writers are checked against (fsck.vfat, sgdisk, unsquashfs …).
/// A missing tool is a failure, never a skip: CI must install what the tests need.
/// </summary>
public static class ExternalTool
{
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"The test needs '{name}', which is not installed. Run .ci/run (or install the Debian package that provides it).");
    }

    public static ToolResult Run(
        string name, IEnumerable<string> args, string? workingDirectory = null, byte[]? stdin = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(Require(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.Environment["MTOOLS_SKIP_CHECK"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.BaseStream.Write(stdin);
            p.StandardInput.Close();
        }

        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish in time.");
        }

        return new ToolResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static ToolResult Run(string name, params string[] args) => Run(name, (IEnumerable<string>)args);

    /// <summary>Runs a tool and throws with its output when it exits non-zero.</summary>
    public static ToolResult Check(string name, params string[] args)
    {
        var r = Run(name, args);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} {string.Join(' ', args)} exited {r.ExitCode}:\n{r.Output}");
        }

        return r;
    }

    /// <summary>
    /// Runs a tool that stamps times into what it writes (mkimage, dumpimage) with
    /// <c>SOURCE_DATE_EPOCH</c> and <c>TZ=UTC</c> fixed, so its output can be compared byte for byte;
    /// throws when it exits non-zero and returns what it printed.
    /// </summary>
    public static string CheckReproducibly(string name, long sourceDateEpoch, IEnumerable<string> args)
    {
        var list = args.ToList();
        var environment = new Dictionary<string, string>
        {
            ["SOURCE_DATE_EPOCH"] = sourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TZ"] = "UTC",
        };
        var r = Run(name, list, environment: environment);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} {string.Join(' ', list)} exited {r.ExitCode}: {r.Output}");
        }

        return r.Output;
    }
}
