using Hyperbake.Model.Knobs;
using Hyperbake.Model.Platforms;

namespace Hyperbake.Model.Tests.Knobs;

public sealed class KnobResolverTests
{
    private static readonly PlatformCatalog s_platforms = PlatformCatalog.Load(RepositoryRoot.Path);

    private static KnobInputs Inputs(
        Dictionary<string, string>? cli = null,
        Dictionary<string, string>? config = null,
        Dictionary<string, string>? env = null) =>
        new(n => cli?.GetValueOrDefault(n), k => config?.GetValueOrDefault(k), n => env?.GetValueOrDefault(n));

    private static KnobSet Resolve(KnobInputs inputs, string hostArch = "amd64", Func<string>? version = null) =>
        KnobResolver.Resolve(inputs, s_platforms, hostArch, version ?? (() => "v1.0.0"));

    [Fact]
    public void Defaults_are_generic_host_arch_kvm_and_squashfs()
    {
        var knobs = Resolve(KnobInputs.None, hostArch: "arm64");

        knobs.Platform.Name.Should().Be("generic");
        knobs.Arch.Should().Be("arm64");
        knobs.Hypervisor.Should().Be("kvm");
        knobs.RootfsFormat.Should().Be("squashfs");
        knobs.ImgFormats.Should().Equal("qcow2");
        knobs.RootfsVersion.Should().Be("v1.0.0");
        knobs.DistSubdirectory.Should().Be("arm64/v1.0.0");
        knobs.ArchValue.Source.Should().Be(KnobSource.Default);
    }

    [Fact]
    public void The_command_line_beats_cake_config_which_beats_the_environment()
    {
        var env = new Dictionary<string, string> { ["ZARCH"] = "riscv64", ["HV"] = "xen", ["ROOTFS_FORMAT"] = "ext4", ["PLATFORM"] = "qemu-virt" };
        var config = new Dictionary<string, string> { ["Knobs_Arch"] = "arm64", ["Knobs_Hv"] = "none" };
        var cli = new Dictionary<string, string> { ["arch"] = "amd64" };

        var knobs = Resolve(Inputs(cli, config, env));

        knobs.ArchValue.Should().Be(new KnobValue(Knob.Arch, "amd64", KnobSource.CommandLine));
        knobs.HypervisorValue.Should().Be(new KnobValue(Knob.Hypervisor, "none", KnobSource.Configuration));
        knobs.RootfsFormatValue.Should().Be(new KnobValue(Knob.RootfsFormat, "ext4", KnobSource.Environment));
        knobs.Platform.Name.Should().Be("qemu-virt");
    }

    [Fact]
    public void An_empty_value_counts_as_not_set()
    {
        var knobs = Resolve(Inputs(config: new() { ["Knobs_Arch"] = string.Empty }, env: new() { ["ZARCH"] = "riscv64" }));

        knobs.Arch.Should().Be("riscv64");
    }

    [Fact]
    public void An_arch_the_platform_does_not_support_names_both_and_what_is_allowed()
    {
        var act = () => Resolve(Inputs(cli: new() { ["arch"] = "amd64", ["platform"] = "zcu102" }));

        act.Should().Throw<KnobException>().WithMessage(
            "platform 'zcu102' (layers/core/platforms/zcu102.yaml) supports arch arm64; --arch=amd64 is not one of them. Use --arch=arm64 or another platform.");
    }

    [Fact]
    public void A_hypervisor_from_the_environment_is_named_as_such()
    {
        var act = () => Resolve(Inputs(cli: new() { ["platform"] = "zcu102" }, env: new() { ["HV"] = "kvm" }));

        act.Should().Throw<KnobException>().WithMessage(
            "platform 'zcu102' (layers/core/platforms/zcu102.yaml) supports hypervisors xen, none; HV=kvm is not one of them. Use --hv=xen or --hv=none, or another platform.");
    }

    [Fact]
    public void Defaults_follow_the_platform()
    {
        var knobs = Resolve(Inputs(cli: new() { ["platform"] = "zcu102" }), hostArch: "amd64");

        knobs.Arch.Should().Be("arm64");
        knobs.Hypervisor.Should().Be("xen");
    }

    [Theory]
    [InlineData("arch", "x86_64", "--arch=x86_64 is not a known arch. Use one of: amd64, arm64, riscv64.")]
    [InlineData("hv", "acrn", "--hv=acrn is not a known hypervisor. Use one of: kvm, xen, l4re, sel4, none.")]
    [InlineData("rootfs-format", "btrfs", "--rootfs-format=btrfs is not a known rootfs format. Use one of: squashfs, ext4.")]
    [InlineData("platform", "imx8", "--platform=imx8 is not a known platform. Use one of: generic, qemu-virt, rpi4, zcu102 (defined in layers/*/platforms/).")]
    [InlineData("rootfs-version", "1.0/2", "--rootfs-version=1.0/2 cannot be a rootfs version: it contains '/'; use letters, digits, '.', '-', '_', '+' and '~'.")]
    public void Unknown_values_are_rejected_with_the_allowed_ones(string option, string value, string message)
    {
        var act = () => Resolve(Inputs(cli: new() { [option] = value }));

        act.Should().Throw<KnobException>().WithMessage(message);
    }

    [Theory]
    [InlineData("raw", new[] { "raw" })]
    [InlineData("raw, qcow2,raw", new[] { "raw", "qcow2" })]
    [InlineData("vdi,all", new[] { "vdi", "qcow2", "raw", "vhdx", "vmdk", "gcp" })]
    public void Img_format_takes_one_format_several_or_all(string value, string[] formats)
    {
        var knobs = Resolve(Inputs(env: new() { ["IMG_FORMAT"] = value }));

        knobs.ImgFormats.Should().Equal(formats);
        knobs.ImgFormatValue.Source.Should().Be(KnobSource.Environment);
    }

    [Theory]
    [InlineData("parallels", "--img-format=parallels: 'parallels' is not a live image format. Use one of: qcow2, raw, vdi, vhdx, vmdk, gcp, several separated by commas, or all.")]
    [InlineData(",", "--img-format=, names no image format. Use one of: qcow2, raw, vdi, vhdx, vmdk, gcp, or all.")]
    public void An_unknown_img_format_is_rejected_with_the_allowed_ones(string value, string message)
    {
        var act = () => Resolve(Inputs(cli: new() { ["img-format"] = value }));

        act.Should().Throw<KnobException>().WithMessage(message);
    }

    [Fact]
    public void A_configuration_value_is_named_by_its_key()
    {
        var act = () => Resolve(Inputs(config: new() { ["Knobs_Arch"] = "sparc" }));

        act.Should().Throw<KnobException>().WithMessage("Knobs_Arch=sparc (cake.config) is not a known arch. Use one of: amd64, arm64, riscv64.");
    }

    [Fact]
    public void The_default_version_is_computed_only_when_needed()
    {
        var calls = 0;
        var knobs = Resolve(KnobInputs.None, version: () => { calls++; return "v2"; });

        calls.Should().Be(0);
        knobs.RootfsVersion.Should().Be("v2");
        knobs.RootfsVersion.Should().Be("v2");
        calls.Should().Be(1);
    }

    [Fact]
    public void A_given_version_wins_over_git()
    {
        var knobs = Resolve(Inputs(env: new() { ["ROOTFS_VERSION"] = "snapshot" }), version: () => throw new InvalidOperationException("git must not be asked"));

        knobs.RootfsVersionValue.Should().Be(new KnobValue(Knob.RootfsVersion, "snapshot", KnobSource.Environment));
    }
}
