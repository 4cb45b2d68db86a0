using System.Diagnostics;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder;

/// <summary>Runs mkimage/dumpimage with a fixed SOURCE_DATE_EPOCH and TZ=UTC.</summary>
internal static class MkImage
{
    public static string Run(IEnumerable<string> args, string tool = "mkimage")
    {
        var psi = new ProcessStartInfo(ExternalTool.Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["SOURCE_DATE_EPOCH"] = ExampleCase.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["TZ"] = "UTC";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {p.ExitCode}: {stdout.Result}{stderr}");
        }

        return stdout.Result + stderr;
    }
}
