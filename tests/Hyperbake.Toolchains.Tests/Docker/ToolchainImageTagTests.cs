using Hyperbake.Testing;
using Hyperbake.Toolchains.Docker;

namespace Hyperbake.Toolchains.Tests.Docker;

public sealed class ToolchainImageTagTests
{
    [Fact]
    public void The_tag_follows_the_folder_contents_and_the_base_image()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["dtc/scripts"]);
        File.WriteAllText(temp["dtc/Dockerfile"], "FROM ${BASE_IMAGE}\n");
        File.WriteAllText(temp["dtc/scripts/a.sh"], "echo a\n");

        var first = ToolchainImageTag.Compute("dtc", temp["dtc"], "sha256:1111");
        first.Should().MatchRegex("^hyperbake/dtc:[0-9a-f]{16}$");
        ToolchainImageTag.Compute("dtc", temp["dtc"], "sha256:1111").Should().Be(first, "nothing changed");
        ToolchainImageTag.Compute("dtc", temp["dtc"], "sha256:2222").Should().NotBe(first, "another base image");

        File.WriteAllText(temp["dtc/scripts/a.sh"], "echo b\n");
        var edited = ToolchainImageTag.Compute("dtc", temp["dtc"], "sha256:1111");
        edited.Should().NotBe(first, "a file changed");

        File.Move(temp["dtc/scripts/a.sh"], temp["dtc/scripts/b.sh"]);
        ToolchainImageTag.Compute("dtc", temp["dtc"], "sha256:1111").Should().NotBe(edited, "a file was renamed");
    }
}
