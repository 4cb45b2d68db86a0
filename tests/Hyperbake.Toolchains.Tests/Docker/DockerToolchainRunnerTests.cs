using Hyperbake.Testing;
using Hyperbake.Toolchains.Processes;

namespace Hyperbake.Toolchains.Tests.Docker;

[Collection(DockerCollection.Name)]
public sealed class DockerToolchainRunnerTests(DockerFixture fixture)
{
    private static ToolchainStep Shell(string script, params ToolchainMount[] mounts) => new()
    {
        Toolchain = "dtc",
        Command = ["sh", "-c", script],
        Mounts = mounts,
    };

    [Fact]
    public void Streams_output_lines_to_the_log_in_order()
    {
        var lines = new List<string>();
        fixture.Runner.Run(Shell("echo one; echo two >&2; sleep 0.2; echo three") with { Log = lines.Add });
        lines.Should().ContainInOrder("one", "three");
        lines.Should().Contain("two");
    }

    [Fact]
    public void A_build_step_cannot_reach_the_network_but_a_fetch_step_can()
    {
        // Given a name lookup of the Debian mirror (from the host's apt sources), which the default container network resolves
        var host = new Uri(Hyperbake.Toolchains.Debian.AptSources.ResolveMirror(TestEnvironment.Settings)).Host;
        var lookup = "getent hosts " + host;

        // When it runs as a build step, it fails; as a fetch step, it succeeds
        var act = () => fixture.Runner.Run(Shell(lookup));
        act.Should().Throw<ToolchainStepException>().Which.ExitCode.Should().NotBe(0);
        var lines = new List<string>();
        fixture.Runner.Run(Shell(lookup) with { AllowNetwork = true, Log = lines.Add });
        lines.Should().Contain(l => l.Contains(host, StringComparison.Ordinal));
    }

    [Fact]
    public void Outputs_belong_to_the_invoking_user_or_the_given_one()
    {
        using var temp = new TempDirectory();
        var output = ToolchainMount.Output(temp["out"], "/hyperbake/out");

        // The other user may write into the output folder only if it is open to everyone.
        Directory.CreateDirectory(temp["out"]);
        ExternalTool.Check("chmod", "0777", temp["out"]);
        fixture.Runner.Run(Shell("echo x > /hyperbake/out/mine", output));
        fixture.Runner.Run(Shell("mkdir /hyperbake/out/d && echo y > /hyperbake/out/d/theirs", output) with { User = (4321, 4322) });

        Owner(temp["out/mine"]).Should().Be((UnixUser.Uid, UnixUser.Gid));
        Owner(temp["out/d/theirs"]).Should().Be((4321, 4322));
        Owner(temp["out/d"]).Should().Be((4321, 4322));
    }

    [Fact]
    public void Sources_are_mounted_read_only()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["src"]);
        File.WriteAllText(temp["src/keep.txt"], "original");

        var act = () => fixture.Runner.Run(Shell("echo changed > /hyperbake/src/keep.txt; touch /hyperbake/src/new", ToolchainMount.Source(temp["src"], "/hyperbake/src")));

        act.Should().Throw<ToolchainStepException>().Which.Message.Should().Contain("Read-only file system");
        File.ReadAllText(temp["src/keep.txt"]).Should().Be("original");
        File.Exists(temp["src/new"]).Should().BeFalse();
    }

    [Fact]
    public void A_failed_step_reports_the_command_the_exit_code_and_the_last_lines()
    {
        var act = () => fixture.Runner.Run(Shell("for i in $(seq 1 30); do echo line$i; done; exit 3"));

        var error = act.Should().Throw<ToolchainStepException>().Which;
        error.ExitCode.Should().Be(3);
        error.Message.Should().Contain("exit code 3").And.Contain("sh -c 'for i in $(seq 1 30)");
        error.LastLines.Should().HaveCount(20);
        error.LastLines[0].Should().Be("line11");
        error.LastLines[^1].Should().Be("line30");
        error.Message.Should().Contain("\n  line30");
    }

    [Fact]
    public void Environment_and_working_directory_are_passed()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["src/sub"]);
        var lines = new List<string>();
        fixture.Runner.Run(Shell("echo \"$GREETING in $(pwd)\"", ToolchainMount.Source(temp["src"], "/hyperbake/src")) with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello world" },
            WorkingDirectory = "/hyperbake/src/sub",
            Log = lines.Add,
        });
        lines.Should().Contain("hello world in /hyperbake/src/sub");
    }

    [Fact]
    public void The_toolchain_image_is_built_only_when_its_tag_is_missing()
    {
        // Given the fixture built (or found) the dtc image
        fixture.Docker.ImageId(fixture.DtcImage).Should().NotBeNull();
        fixture.DtcImage.Should().MatchRegex("^hyperbake/dtc:[0-9a-f]{16}$");

        // When a fresh image set asks for it again, nothing is built
        var log = new List<string>();
        var again = new Hyperbake.Toolchains.Docker.ToolchainImages(fixture.Docker, TestEnvironment.Settings, Hyperbake.Toolchains.Docker.ToolchainImages.FoldersUnder(TestEnvironment.LayersRoot));
        again.Ensure("dtc", log.Add).Should().Be(fixture.DtcImage);
        log.Should().NotContain(l => l.StartsWith("Building", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_toolchain_names_the_folders_searched()
    {
        var act = () => fixture.Runner.Run(new ToolchainStep { Toolchain = "no-such-toolchain", Command = ["true"] });
        act.Should().Throw<ToolchainStepException>().WithMessage("*no-such-toolchain*Dockerfile*");
    }

    private static (int, int) Owner(string path)
    {
        var result = ExternalTool.Check("stat", "-c", "%u %g", path);
        var parts = result.StdOut.Trim().Split(' ');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }
}
