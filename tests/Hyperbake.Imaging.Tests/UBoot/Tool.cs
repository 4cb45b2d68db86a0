using System.Diagnostics;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.UBoot;

/// <summary>Runs u-boot-tools and dtc with SOURCE_DATE_EPOCH and TZ=UTC fixed, failing on a non-zero exit.</summary>
internal static class Tool
{
    public const long Epoch = 1234567890;

    public static string Run(string tool, params string[] args)
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

        psi.Environment["SOURCE_DATE_EPOCH"] = Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
