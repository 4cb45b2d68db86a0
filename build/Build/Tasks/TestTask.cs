using System.Diagnostics;
using Hyperbake.Host;

namespace Build.Tasks;

/// <summary>
/// The check CI runs: code style first (cheap, and a drift fails fast), then every test project of the
/// solution in Release.
/// </summary>
[TaskName("Test")]
[TaskDescription("Checks formatting (dotnet format) and runs every test in the solution")]
public sealed class TestTask : AsyncFrostingTask<BuildContext>
{
    private const string Solution = "Hyperbake.sln";

    public override async Task RunAsync(BuildContext context)
    {
        var dotnet = DotnetExecutable();
        var stopwatch = Stopwatch.StartNew();
        await context.RunProcessAsync(dotnet, new ProcessSettings
        {
            Arguments = ["format", Solution, "--verify-no-changes"],
            WorkingDirectory = context.Root,
        });
        context.Log.Information("dotnet format: no changes needed ({0:F1} s)", stopwatch.Elapsed.TotalSeconds);

        await context.RunProcessAsync(dotnet, new ProcessSettings
        {
            Arguments = ["test", Solution, "-c", "Release", "--nologo"],
            WorkingDirectory = context.Root,
        });
    }

    // The SDK that runs this host (build.sh picked it per global.json), else the one on PATH.
    private static string DotnetExecutable() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
