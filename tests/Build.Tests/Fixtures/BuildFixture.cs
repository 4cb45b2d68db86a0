using Hyperbake.Host;
using Hyperbake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Build.Tests.Fixtures;

/// <summary>
/// The real build host, run in-process on a scratch root that holds a copy of the repository's layers
/// (not a git checkout, so the version is 0.0.0-unknown).
/// </summary>
public sealed class BuildFixture : IDisposable
{
    private readonly StringWriter _output = new();

    public BuildFixture()
    {
        CopyDirectory(Path.Combine(RepositoryRoot.Path, "layers"), Root["layers"]);
        Environment = new FakeEnvironment(Root.Path) { Variables = { ["HYPERBAKE_ROOT"] = Root.Path } };
        Host = Program.CreateHost()
            .UseConsole(new TextWriterConsole(_output))
            .UseEnvironment(Environment)
            .ConfigureServices(s => s.AddSingleton(Probe));
    }

    public TempDirectory Root { get; } = new();

    public FakeEnvironment Environment { get; }

    public CakeHost Host { get; }

    public List<string> Probe { get; } = [];

    public string Output => _output.ToString();

    public int Run(params string[] args) => Host.Run(args);

    public void Dispose() => Root.Dispose();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
