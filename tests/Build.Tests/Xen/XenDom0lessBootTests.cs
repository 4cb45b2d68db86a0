using System.Security.Cryptography;
using Hyperbake.Testing;

namespace Build.Tests.Xen;

/// <summary>
/// The whole dom0less path: packages from the feed, the image built by XenImage and booted by XenBootTest
/// (QEMU TCG, U-Boot distro boot, Xen, Dom0 and a DomU), in ImageBuilder's script mode and in the build-time
/// device tree mode; then a second, independent build gives the same bytes.
/// </summary>
[Collection(XenCollection.Name)]
public sealed class XenDom0lessBootTests(XenDom0lessBootTests.Shared shared) : IClassFixture<XenDom0lessBootTests.Shared>
{
    [Theory]
    [InlineData("runtime")]
    [InlineData("buildtime")]
    public void Image_boots_to_dom0_and_domU_markers(string mode)
    {
        // When
        var exit = shared.Fixture.Run("--target=XenBootTest", "--ib-dt-mode=" + mode, "--boot-timeout=300");

        // Then both guests came up: Dom0 on hvc0 under Xen, the DomU through Xen's console
        exit.Should().Be(0, shared.Fixture.Output);
        shared.Fixture.Output.Should().Contain("HYPERBAKE-GUEST-UP role=dom0 after").And.Contain("HYPERBAKE-GUEST-UP role=domU0 after");
        var serial = File.ReadAllText(shared.Fixture.Log($"boot-xen-dom0less-{mode}.log"));
        serial.Should().Contain("Found U-Boot script /boot.scr").And.Contain("(XEN) Xen version 4.17");
        // (Xen's console prefixes the DomU's lines and wraps long ones; the DomU has no /sys/hypervisor without xenstore.)
        serial.Should().MatchRegex(@"\(XEN\) DOM1: HYPERBAKE-GUEST-UP role=domU0 kernel=6\.1\.\S+ hypervisor=");
        serial.Should().MatchRegex(@"(?m)^HYPERBAKE-GUEST-UP role=dom0 kernel=6\.1\.\S+ hypervisor=xen: Hyperbake xen-dom0less 0\.0\.0-unknown \(arm64, hv=xen, platform=qemu-virt\)");

        // And the script is ImageBuilder's for the mode: fdt commands at boot, or a patched blob
        var source = File.ReadAllText(Path.Combine(shared.Fixture.ImageDirectory(mode), "boot.source"));
        if (mode == "runtime")
        {
            source.Should().Contain(" virt.dtb\n").And.Contain("fdt set /chosen xen,xen-bootargs \"console=dtuart dtuart=/pl011@9000000 ");
        }
        else
        {
            source.Should().Contain(" virt-patched.dtb\n").And.NotContain("fdt set").And.NotContain("fdt mknod");
        }
    }

    [Fact]
    public void Disk_is_one_bootable_fat_partition_holding_the_boot_files()
    {
        var directory = shared.Fixture.ImageDirectory("runtime");
        var disk = Path.Combine(directory, "xen-dom0less.img");

        var dump = ExternalTool.Check("sfdisk", "-d", disk).StdOut;
        dump.Should().Contain("label: dos").And.MatchRegex(@"xen-dom0less\.img1 : start=\s+2048, size=\s+\d+, type=c, bootable");
        dump.Should().NotContain("xen-dom0less.img2");

        var boot = Path.Combine(directory, "..", "boot.vfat");
        var size = long.Parse(System.Text.RegularExpressions.Regex.Match(dump, @"size=\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using (var input = File.OpenRead(disk))
        using (var output = File.Create(boot))
        {
            input.Position = 2048L * 512;
            var buffer = new byte[size * 512];
            input.ReadExactly(buffer);
            output.Write(buffer);
        }

        ExternalTool.Run("fsck.vfat", "-n", boot).ExitCode.Should().Be(0);
        var listing = ExternalTool.Check("mdir", "-b", "-i", boot, "::/").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().TrimStart(':', '/')).Order(StringComparer.Ordinal);
        listing.Should().Equal("Image", "boot.scr", "boot.source", "dom0-initrd.cpio.gz", "domU0-initrd.cpio.gz", "virt.dtb", "xen");
        foreach (var name in listing)
        {
            var copy = Path.Combine(directory, "..", "extracted-" + name);
            ExternalTool.Check("mcopy", "-n", "-i", boot, "::/" + name, copy);
            File.ReadAllBytes(copy).Should().Equal(File.ReadAllBytes(Path.Combine(directory, name)), name);
        }
    }

    [Fact]
    public void Board_device_tree_is_qemus_without_random_seeds_and_without_the_pl061()
    {
        var dts = ExternalTool.Check("dtc", "-I", "dtb", "-O", "dts", Path.Combine(shared.Fixture.ImageDirectory("runtime"), "virt.dtb")).StdOut;

        dts.Should().Contain("pl011@9000000").And.Contain("compatible = \"linux,dummy-virt\"");
        dts.Should().NotContain("pl061@9030000").And.NotContain("gpio-keys").And.NotContain("rng-seed").And.NotContain("kaslr-seed");
    }

    [Fact]
    public void An_independent_build_gives_identical_bytes()
    {
        // Given a second root with its own stage cache (the downloads are shared), built from nothing
        using var again = new XenBuildFixture(privateStageCache: true);

        again.Run("--target=XenImage").Should().Be(0, again.Output);

        var first = shared.Fixture.ImageDirectory("runtime");
        var files = Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        files.Should().Contain(["xen-dom0less.img", "boot.scr", "imagebuilder.cfg", "dom0-initrd.cpio.gz", "virt.dtb"]);
        foreach (var name in files)
        {
            Hash(Path.Combine(again.ImageDirectory("runtime"), name!)).Should().Be(Hash(Path.Combine(first, name!)), name);
        }
    }

    private static string Hash(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(f));
    }

    /// <summary>One scratch root whose runtime image is built once for the tests.</summary>
    public sealed class Shared : IDisposable
    {
        public Shared()
        {
            var exit = Fixture.Run("--target=XenImage");
            if (exit != 0)
            {
                throw new InvalidOperationException("XenImage failed:\n" + Fixture.Output);
            }
        }

        public XenBuildFixture Fixture { get; } = new();

        public void Dispose() => Fixture.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class XenCollection
{
    public const string Name = "xen-dom0less";
}
