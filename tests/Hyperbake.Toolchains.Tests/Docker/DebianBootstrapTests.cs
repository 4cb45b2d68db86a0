using Hyperbake.Toolchains.Debian;
using Hyperbake.Toolchains.Docker;

namespace Hyperbake.Toolchains.Tests.Docker;

/// <summary>
/// The base image bootstrap itself, into its own tag, done once per machine (a minbase bootstrap takes from
/// half a minute to a few on a busy machine) and checked on every run; <c>docker rmi</c> the tag to redo it.
/// </summary>
public sealed class DebianBootstrapTests
{
    private const string Tag = "hyperbake-test/debian-base:bootstrapped";

    [Fact]
    public void Bootstraps_a_minbase_image_from_the_debian_mirror_and_imports_it()
    {
        var docker = TestEnvironment.RequireDocker();
        var id = docker.ImageId(Tag) ?? new DebianBootstrap(docker).BootstrapImage(Tag, "bookworm", AptSources.ResolveMirror(new ToolchainSettings()));

        id.Should().StartWith("sha256:");
        docker.Check(["image", "inspect", "--format", "{{index .Config.Labels \"" + DebianBootstrap.ProvenanceLabel + "\"}}", Tag], "inspect", capture: true)
            .StandardOutput!.Trim().Should().Be("bookworm", "the image was made by the bootstrap, not pulled");
        var lines = new List<string>();
        new DockerToolchainRunnerProbe(docker).Run(Tag, ["sh", "-c", "cat /etc/debian_version; command -v apt-get; grep -h ^deb /etc/apt/sources.list"], lines.Add);
        lines.Should().Contain(l => l.StartsWith("12.", StringComparison.Ordinal));
        lines.Should().Contain("/usr/bin/apt-get");
        lines.Should().Contain(l => l.StartsWith("deb " + AptSources.ResolveMirror(new ToolchainSettings()), StringComparison.Ordinal), "apt in the image uses the mirror it was bootstrapped from");
    }

    [Fact]
    public void The_base_image_provider_finds_a_local_image_without_pulling()
    {
        var docker = TestEnvironment.RequireDocker();
        var provider = new BaseImageProvider(docker, TestEnvironment.Settings);
        var log = new List<string>();

        // The docker fixture (or an earlier run) leaves the base image cached by tag.
        provider.EnsureBaseImage(log.Add).Should().StartWith("sha256:");
        if (log.Count == 0)
        {
            docker.ImageId(TestEnvironment.Settings.BaseImage).Should().NotBeNull();
        }

        var again = new List<string>();
        new BaseImageProvider(docker, TestEnvironment.Settings).EnsureBaseImage(again.Add);
        again.Should().BeEmpty("a present image is neither pulled nor bootstrapped");
    }

    /// <summary>Runs a command in an arbitrary image, as the runner would.</summary>
    private sealed class DockerToolchainRunnerProbe(DockerCli docker)
    {
        public void Run(string image, string[] command, Action<string> log)
        {
            var result = docker.Run(["run", "--rm", "--network", "none", image, .. command], log);
            result.ExitCode.Should().Be(0, string.Join('\n', result.LastLines));
        }
    }
}
