using Hyperbake.Model.Platforms;

namespace Hyperbake.Model.Tests.Platforms;

public sealed class PlatformReaderTests
{
    private const string Source = "layers/test/platforms/board.yaml";

    [Fact]
    public void A_valid_platform_keeps_its_lists_in_order()
    {
        var platform = PlatformReader.Read("name: board\ndescription: A board\narches:\n  - arm64\n  - riscv64\nhypervisors: [xen, none]\n", Source, "test");

        platform.Should().BeEquivalentTo(new PlatformDefinition("board", "A board", ["arm64", "riscv64"], ["xen", "none"], "test", Source),
            o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData("name: board\narches: [arm64]\nhypervisors: [xen]\nboot: uboot\n", "layers/test/platforms/board.yaml:4: unknown key 'boot' in a platform; the keys are name, description, arches, hypervisors.")]
    [InlineData("name: board\narches: [arm64, x86]\nhypervisors: [xen]\n", "layers/test/platforms/board.yaml:2: 'x86' is not a known arch; use amd64, arm64, riscv64.")]
    [InlineData("name: board\narches: [arm64]\nhypervisors:\n  - xen\n  - acrn\n", "layers/test/platforms/board.yaml:5: 'acrn' is not a known hypervisor; use kvm, xen, l4re, sel4, none.")]
    [InlineData("name: board\narches: arm64\nhypervisors: [xen]\n", "layers/test/platforms/board.yaml:2: 'arches' must be a list, for example arches: [amd64].")]
    [InlineData("name: board\nname: board\n", "layers/test/platforms/board.yaml:2: the key 'name' appears twice.")]
    [InlineData("arches: [arm64]\nhypervisors: [xen]\n", "layers/test/platforms/board.yaml:1: the platform has no 'name'; add name: board.")]
    [InlineData("name: other\narches: [arm64]\nhypervisors: [xen]\n", "layers/test/platforms/board.yaml: the platform is named 'other' but the file is 'board.yaml'; name the file other.yaml or the platform board.")]
    [InlineData("name: board\nhypervisors: [xen]\n", "layers/test/platforms/board.yaml: the platform 'board' lists no 'arches'; add for example arches: [amd64].")]
    [InlineData("name: board\narches: [arm64]\nhypervisors: []\n", "layers/test/platforms/board.yaml: the platform 'board' lists no 'hypervisors'; add for example hypervisors: [kvm].")]
    [InlineData("name: board\narches: [arm64, arm64]\nhypervisors: [xen]\n", "layers/test/platforms/board.yaml:2: 'arm64' is listed twice in 'arches'.")]
    [InlineData("- board\n", "layers/test/platforms/board.yaml:1: a platform must be a mapping of name, description, arches and hypervisors.")]
    [InlineData("", "layers/test/platforms/board.yaml: the file is empty; a platform needs name, arches and hypervisors.")]
    public void Mistakes_name_the_file_the_line_and_the_fix(string yaml, string message)
    {
        var act = () => PlatformReader.Read(yaml, Source, "test");

        act.Should().Throw<PlatformException>().WithMessage(message);
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_position()
    {
        var act = () => PlatformReader.Read("name: board\narches: [arm64\nhypervisors: [xen]\n", Source, "test");

        act.Should().Throw<PlatformException>().WithMessage("layers/test/platforms/board.yaml:2: the YAML is malformed after this line; check brackets and indentation.");
    }

    [Fact]
    public void A_yaml_syntax_error_names_the_line_and_column()
    {
        var act = () => PlatformReader.Read("name: board\narches: [arm64]\n  hypervisors: [xen]\n", Source, "test");

        act.Should().Throw<PlatformException>().Which.Message.Should().StartWith("layers/test/platforms/board.yaml:3:");
    }
}
