using Hyperbake.Testing;
using Hyperbake.Toolchains.Host;

namespace Hyperbake.Toolchains.Tests.Host;

public sealed class HostToolchainRunnerTests
{
    [Fact]
    public void A_missing_tool_is_reported_with_the_debian_package_that_provides_it()
    {
        // Given a host where dtc is not installed
        var runner = new HostToolchainRunner(name => name == "dtc" ? null : HostTools.Find(name));

        var act = () => runner.Run(new ToolchainStep { Toolchain = "dtc", Command = ["sh", "-c", "dtc --version"], RequiredTools = ["cpp", "dtc"] });

        act.Should().Throw<ToolchainStepException>().WithMessage("Toolchain 'dtc' needs 'dtc' on the host*apt-get install device-tree-compiler");
    }

    [Theory]
    [InlineData("mkimage", "u-boot-tools")]
    [InlineData("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu")]
    [InlineData("cpp", "cpp")]
    [InlineData("make", "make")]
    [InlineData("/usr/bin/dtc", "device-tree-compiler")]
    public void Knows_the_package_of_common_tools(string tool, string package) =>
        HostToolPackages.PackageFor(tool).Should().Be(package);

    [Fact]
    public void Runs_the_same_command_with_container_paths_rewritten_to_host_paths()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["src"]);
        File.WriteAllText(temp["src/in.txt"], "payload");
        var lines = new List<string>();

        new HostToolchainRunner().Run(new ToolchainStep
        {
            Toolchain = "any",
            Command = ["sh", "-c", "cp /hyperbake/src/in.txt /hyperbake/out/copy.txt && echo \"$WHERE\" && pwd"],
            Mounts = [ToolchainMount.Source(temp["src"], "/hyperbake/src"), ToolchainMount.Output(temp["out"], "/hyperbake/out")],
            Environment = new Dictionary<string, string> { ["WHERE"] = "-I/hyperbake/src/include" },
            WorkingDirectory = "/hyperbake/out",
            Log = lines.Add,
        });

        File.ReadAllText(temp["out/copy.txt"]).Should().Be("payload");
        lines.Should().Equal($"-I{temp["src"]}/include", temp["out"]);
    }

    [Fact]
    public void Rewriting_leaves_paths_that_only_share_a_prefix_alone()
    {
        (string, string)[] mounts = [("/src", "/home/me/project")];
        HostToolchainRunner.RewritePaths("/src/a /srcfoo /usr/src x=/src", mounts).Should().Be("/home/me/project/a /srcfoo /usr/src x=/home/me/project");
    }

    [Fact]
    public void A_failed_step_reports_the_command_the_exit_code_and_the_last_lines()
    {
        var act = () => new HostToolchainRunner().Run(new ToolchainStep { Toolchain = "any", Command = ["sh", "-c", "echo first; echo broken >&2; exit 7"] });

        var error = act.Should().Throw<ToolchainStepException>().Which;
        error.ExitCode.Should().Be(7);
        error.LastLines.Should().BeEquivalentTo(["first", "broken"], "stdout and stderr are separate pipes, so only their own order is kept");
        error.Message.Should().Contain("exit code 7").And.Contain("sh -c 'echo first; echo broken >&2; exit 7'");
    }
}
