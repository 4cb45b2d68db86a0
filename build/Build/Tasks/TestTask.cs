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

        var results = Path.Combine(context.DistRoot, "test-results");
        if (Directory.Exists(results))
        {
            Directory.Delete(results, recursive: true);
        }

        try
        {
            await context.RunProcessAsync(dotnet, new ProcessSettings
            {
                Arguments = ["test", Solution, "-c", "Release", "--nologo", "--logger", "trx", "--results-directory", results],
                WorkingDirectory = context.Root,
            });
        }
        finally
        {
            // One closing line over every test project, the shape CI systems read.
            var (passed, failed, skipped) = TestResults.Count(results);
            context.Log.Information("Test: {0} passed, {1} failed, {2} skipped", passed, failed, skipped);
        }
    }

    // The SDK build.sh picked per global.json (it names it: the host may run on its own runtime),
    // else the one that runs this host, else the one on PATH.
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("HYPERBAKE_DOTNET") is { Length: > 0 } sdk ? sdk
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}
