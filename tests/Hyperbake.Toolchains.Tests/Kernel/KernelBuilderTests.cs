using Hyperbake.Testing;
using Hyperbake.Toolchains.Host;
using Hyperbake.Toolchains.Kernel;

namespace Hyperbake.Toolchains.Tests.Kernel;

/// <summary>The build orchestration against a stand-in Kbuild (FakeKernel/Makefile) on the host backend.</summary>
public sealed class KernelBuilderTests
{
    // The stand-in needs only make; compilers the real build checks for are accepted as present.
    private readonly HostToolchainRunner runner = new(name => HostTools.Find(name) ?? (name == "make" ? null : "/bin/true"));

    [Fact]
    public void Cross_builds_arm64_out_of_tree_with_fragments_and_reproducible_settings()
    {
        using var temp = new TempDirectory();
        var source = Path.Combine(AppContext.BaseDirectory, "Kernel", "FakeKernel");
        File.WriteAllText(temp["xen.cfg"], "CONFIG_XEN=y\nCONFIG_SQUASHFS=y\n");

        var result = new KernelBuilder(runner).Build(new KernelBuildOptions
        {
            SourceDirectory = source,
            OutputDirectory = temp["out"],
            Architecture = "arm64",
            Fragments = [temp["xen.cfg"]],
            SourceDateEpoch = 1700000000,
        });

        result.Release.Should().Be("6.1.0-hyperbake");
        File.ReadAllText(result.ImagePath).Trim().Should().Be("hyperbake@hyperbake|Tue Nov 14 22:13:20 UTC 2023|1700000000|aarch64-linux-gnu-|arm64");
        File.ReadAllText(result.ConfigPath).Should().Be("CONFIG_LOCALVERSION=\"\"\nCONFIG_SQUASHFS=y\nCONFIG_XEN=y\n");
        File.Exists(Path.Combine(result.ModulesDirectory!, "lib/modules/6.1.0-hyperbake/kernel/fs/squashfs/squashfs.ko")).Should().BeTrue();
        File.Exists(Path.Combine(result.DtbsDirectory!, "vendor/board.dtb")).Should().BeTrue();
        File.Exists(Path.Combine(source, ".config")).Should().BeFalse("the build happens out of tree");
    }

    [Fact]
    public void A_fragment_setting_dropped_by_kconfig_fails_the_build_naming_it()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["bad.cfg"], "CONFIG_NEEDS_MISSING_DEP=y\n");

        var act = () => new KernelBuilder(runner).Build(new KernelBuildOptions
        {
            SourceDirectory = Path.Combine(AppContext.BaseDirectory, "Kernel", "FakeKernel"),
            OutputDirectory = temp["out"],
            Architecture = "amd64",
            Fragments = [temp["bad.cfg"]],
            SourceDateEpoch = 0,
        });

        act.Should().Throw<InvalidOperationException>().WithMessage("*bad.cfg*CONFIG_NEEDS_MISSING_DEP=y*");
    }
}
