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
        File.ReadAllText(result.ConfigPath).Should().Be("CONFIG_LOCALVERSION=\"\"\nCONFIG_MODULES=y\nCONFIG_SQUASHFS=y\nCONFIG_XEN=y\n");
        File.Exists(Path.Combine(result.ModulesDirectory!, "lib/modules/6.1.0-hyperbake/kernel/fs/squashfs/squashfs.ko")).Should().BeTrue();
        File.Exists(result.SystemMapPath).Should().BeTrue();
        new FileInfo(Path.Combine(result.ModulesDirectory!, "lib/modules/6.1.0-hyperbake/build")).LinkTarget.Should().BeNull("the link into the build's container paths is removed");
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

    [Fact]
    public void A_config_without_module_support_builds_no_modules()
    {
        using var temp = new TempDirectory();

        // The stand-in's modules target fails like Kbuild's when CONFIG_MODULES is not set.
        var result = new KernelBuilder(runner).Build(new KernelBuildOptions
        {
            SourceDirectory = Path.Combine(AppContext.BaseDirectory, "Kernel", "FakeKernel"),
            OutputDirectory = temp["out"],
            Architecture = "amd64",
            DefconfigTarget = "tinyconfig",
            SourceDateEpoch = 0,
        });

        result.ModulesDirectory.Should().BeNull();
        result.DtbsDirectory.Should().BeNull("x86 has no device trees");
        Directory.Exists(temp["out/modules"]).Should().BeFalse();
        File.ReadAllText(result.ImagePath).Trim().Should().Be("hyperbake@hyperbake|Thu Jan 1 00:00:00 UTC 1970|0||x86");
    }

    [Theory]
    [InlineData("amd64", "x86", null)]
    [InlineData("arm64", "arm64", "aarch64-linux-gnu-")]
    [InlineData("riscv64", "riscv", "riscv64-linux-gnu-")]
    public void The_environment_pins_user_host_time_and_the_cross_compiler(string debian, string kbuild, string? crossCompile)
    {
        var arch = KernelArchitecture.For(debian);
        var environment = KernelBuilder.Environment(
            new KernelBuildOptions { SourceDirectory = "/s", OutputDirectory = "/o", Architecture = debian, SourceDateEpoch = 1700000000 }, arch);

        arch.KbuildArch.Should().Be(kbuild);
        environment["KBUILD_BUILD_USER"].Should().Be("hyperbake");
        environment["KBUILD_BUILD_HOST"].Should().Be("hyperbake");
        environment["KBUILD_BUILD_TIMESTAMP"].Should().Be("Tue Nov 14 22:13:20 UTC 2023");
        environment["SOURCE_DATE_EPOCH"].Should().Be("1700000000");
        environment["KCONFIG_NOTIMESTAMP"].Should().Be("1");
        environment.GetValueOrDefault("CROSS_COMPILE").Should().Be(KernelBuilder.HostArchitecture() == debian ? null : crossCompile);
    }

    [Fact]
    public void Only_an_enabled_CONFIG_MODULES_counts_as_module_support()
    {
        KernelBuilder.HasModules("CONFIG_A=y\nCONFIG_MODULES=y\n").Should().BeTrue();
        KernelBuilder.HasModules("# CONFIG_MODULES is not set\nCONFIG_MODULES_TREE_LOOKUP=y\n").Should().BeFalse();
    }
}
