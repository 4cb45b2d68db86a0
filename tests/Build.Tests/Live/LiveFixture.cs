using Build.Tests.Fixtures;
using Hyperbake.Host;
using Hyperbake.Testing;

namespace Build.Tests.Live;

/// <summary>
/// A scratch checkout (layers, recipes, conf) with its own dist/ and its own cache, on which the
/// real build host runs in-process. Package downloads are shared through the user's .deb cache
/// (Toolchain_DebCache) so each fixture does not fetch the kernel again.
/// </summary>
public sealed class LiveFixture : IDisposable
{
    public const string SourceDateEpoch = "1700000000";
    private readonly StringWriter _output = new();

    public LiveFixture()
    {
        foreach (var folder in new[] { "layers", "recipes", "conf" })
        {
            Copy(Path.Combine(RepositoryRoot.Path, folder), Root[folder]);
        }

        Environment = new FakeEnvironment(Root.Path) { Variables = { ["HYPERBAKE_ROOT"] = Root.Path } };
        foreach (var name in new[] { "PATH", "HOME", "DOCKER_HOST" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                Environment.Variables[name] = value;
            }
        }
    }

    public TempDirectory Root { get; } = new("hyperbake-live-");

    public FakeEnvironment Environment { get; }

    public string Output => _output.ToString();

    public string Dist => Root["dist/amd64/1.0.0"];

    /// <summary>Runs the build host with the fixture's root, cache, version and SOURCE_DATE_EPOCH.</summary>
    public int Run(params string[] args)
    {
        var host = Program.CreateHost().UseConsole(new TextWriterConsole(_output)).UseEnvironment(Environment);
        return host.Run([
            .. args,
            "--rootfs-version=1.0.0",
            "--source-date-epoch=" + SourceDateEpoch,
            "--cache_path=" + Root["cache"],
            "--verbosity=normal",
        ]);
    }

    public void Dispose() => Root.Dispose();

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
