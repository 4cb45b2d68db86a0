using System.Security.Cryptography;
using Build.Tests.Live;
using Hyperbake.Testing;

namespace Build.Tests.Kernel;

/// <summary>
/// The Kernel target end to end in the kernel toolchain image (docker, no network), on a stand-in kernel
/// tree (Kernel/FakeKernel: a Makefile with Kbuild's targets) packed as a pinned tarball source.
/// The real kernel build runs in the Nightly target.
/// </summary>
public sealed class KernelTaskTests
{
    private const string Dist = "dist/amd64/1.0.0/kernel";

    [Fact]
    public void The_tiny_recipe_builds_into_dist_with_its_fragments_and_a_rerun_is_up_to_date()
    {
        using var fixture = new LiveFixture();
        var source = FakeKernelTarball(fixture);

        fixture.Run("--target=Kernel", "--arch=amd64", "--kernel-source=" + source).Should().Be(0, fixture.Output);
        var before = fixture.Output.Length;
        fixture.Run("--target=Kernel", "--arch=amd64", "--kernel-source=" + source).Should().Be(0, fixture.Output);

        var kernel = fixture.Root[Dist];
        File.ReadAllText(Path.Combine(kernel, "bzImage")).Trim().Should().Be("hyperbake@hyperbake|Tue Nov 14 22:13:20 UTC 2023|1700000000||x86");
        File.ReadAllText(Path.Combine(kernel, "kernel.release")).Should().Be("6.1.0-hyperbake\n");
        File.ReadAllText(Path.Combine(kernel, "config")).Should()
            .Contain("CONFIG_64BIT=y\n").And.Contain("CONFIG_SERIAL_8250_CONSOLE=y\n").And.Contain("CONFIG_RD_GZIP=y\n").And.Contain("CONFIG_VIRTIO_BLK=y\n")
            .And.NotContain("CONFIG_MODULES=y", "tinyconfig has no module support")
            .And.NotContain("CONFIG_PCI_HOST_GENERIC", "that fragment is arm64's");
        File.Exists(Path.Combine(kernel, "System.map")).Should().BeTrue();
        Directory.Exists(Path.Combine(kernel, "modules")).Should().BeFalse();
        fixture.Output[before..].Should().Contain("up to date");

        // Without dist/, the outputs come back from the content-addressed cache.
        var image = File.ReadAllBytes(Path.Combine(kernel, "bzImage"));
        Directory.Delete(kernel, recursive: true);
        before = fixture.Output.Length;
        fixture.Run("--target=Kernel", "--arch=amd64", "--kernel-source=" + source).Should().Be(0, fixture.Output);
        fixture.Output[before..].Should().Contain("restored from cache");
        File.ReadAllBytes(Path.Combine(kernel, "bzImage")).Should().Equal(image);
        File.Exists(Path.Combine(kernel, "System.map")).Should().BeTrue();
    }

    [Fact]
    public void Fragments_and_defconfig_from_the_command_line_replace_the_recipes_and_modules_are_installed()
    {
        using var fixture = new LiveFixture();

        fixture.Run("--target=Kernel", "--arch=amd64", "--kernel-source=" + FakeKernelTarball(fixture), "--kernel-defconfig=defconfig", "--kernel-fragments=serial-console.cfg")
            .Should().Be(0, fixture.Output);

        var kernel = fixture.Root[Dist];
        File.ReadAllText(Path.Combine(kernel, "config")).Should().Contain("CONFIG_SERIAL_8250=y\n").And.NotContain("CONFIG_64BIT");
        File.Exists(Path.Combine(kernel, "modules/lib/modules/6.1.0-hyperbake/kernel/fs/squashfs/squashfs.ko")).Should().BeTrue();
        File.Exists(Path.Combine(kernel, "modules/lib/modules/6.1.0-hyperbake/build")).Should().BeFalse("links into the build's container paths are not outputs");
    }

    [Fact]
    public void The_reproducibility_check_passes_for_identical_images_and_fails_naming_both_hashes_otherwise()
    {
        using var fixture = new LiveFixture();
        var source = "--kernel-source=" + FakeKernelTarball(fixture);
        File.WriteAllText(fixture.Root["fake/nondeterministic.cfg"], "CONFIG_NONDETERMINISTIC=y\n");

        fixture.Run("--target=KernelReproducibility", "--arch=amd64", source).Should().Be(0, fixture.Output);
        fixture.Output.Should().Contain("Kernel images are identical.");
        Directory.Exists(fixture.Root["dist/amd64/1.0.0/parts/kernel-rebuild"]).Should().BeFalse("an identical rebuild is removed");

        fixture.Run("--target=KernelReproducibility", "--arch=amd64", source, "--kernel-fragments=fake/nondeterministic.cfg").Should().NotBe(0);
        fixture.Output.Should().MatchRegex("Two kernel builds from the same inputs differ: .*bzImage has sha256 [0-9a-f]{64}, .*kernel-rebuild/bzImage has [0-9a-f]{64}");
    }

    [Theory]
    [InlineData("--kernel-source=debian:linux-source-9.9", "*debian:linux-source-9.9 is not pinned in layers/core/packages.lock.yaml*UpdateLock*")]
    [InlineData("--kernel-source=linux.tar.xz", "*Kernel source 'linux.tar.xz' has no known kind*")]
    [InlineData("--kernel-recipe=huge", "*kernel recipe 'huge' was not found*Known kernel recipes: tiny*")]
    [InlineData("--kernel-fragments=base.cfg,nosuch.cfg", "*--kernel-fragments: kernel config fragment 'nosuch.cfg' is in no layer's files/kernel/*")]
    public void Bad_kernel_arguments_fail_before_any_build_naming_the_value(string argument, string message)
    {
        using var fixture = new LiveFixture();

        fixture.Run("--target=Kernel", "--arch=amd64", argument).Should().NotBe(0);

        fixture.Output.Should().Match(message);
    }

    /// <summary>The stand-in kernel tree as <c>tarball:PATH#SHA256</c>.</summary>
    private static string FakeKernelTarball(LiveFixture fixture)
    {
        var tree = fixture.Root["fake/linux-fake"];
        Directory.CreateDirectory(Path.Combine(tree, "arch", "x86"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Kernel", "FakeKernel", "Makefile"), Path.Combine(tree, "Makefile"));
        var tarball = fixture.Root["linux-fake.tar.gz"];
        ExternalTool.Check("tar", "-czf", tarball, "-C", fixture.Root["fake"], "linux-fake");
        return $"tarball:{tarball}#{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tarball)))}";
    }
}
