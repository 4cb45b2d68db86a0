using Hyperbake.Toolchains.Docker;

namespace Hyperbake.Toolchains.Tests;

/// <summary>Where the checkout is, and a docker engine that must answer (a missing engine fails, never skips).</summary>
public static class TestEnvironment
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hyperbake.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the checkout (no Hyperbake.sln above the test binaries).");
    });

    public static string RepositoryRoot => Root.Value;

    public static string LayersRoot => Path.Combine(RepositoryRoot, "layers");

    /// <summary>Toolchain settings from the defaults (base image cached by tag on this machine).</summary>
    public static ToolchainSettings Settings { get; } = new();

    public static DockerCli RequireDocker()
    {
        var docker = new DockerCli();
        if (!docker.EngineAnswers())
        {
            throw new InvalidOperationException(
                "These tests need a docker engine: 'docker info' does not answer. Install docker.io and start dockerd (.ci/run does both).");
        }

        return docker;
    }
}
