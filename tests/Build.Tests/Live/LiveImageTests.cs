using System.Text.Json;
using Hyperbake.Testing;

namespace Build.Tests.Live;

/// <summary>The main job end to end: build the default live image, check every artefact with the independent tools, boot it.</summary>
[Collection(LiveCollection.Name)]
public sealed class LiveImageTests(LiveImageTests.Built built) : IClassFixture<LiveImageTests.Built>
{
    /// <summary>One LiveImage build of every format, shared by the checks below.</summary>
    public sealed class Built : IDisposable
    {
        public Built()
        {
            ExitCode = Fixture.Run("--target=LiveImage", "--img-format=all");
        }

        public LiveFixture Fixture { get; } = new();

        public int ExitCode { get; }

        public void Dispose() => Fixture.Dispose();
    }

    private string Dist => built.Fixture.Dist;

    private string Artefact(string name) => Path.Combine(Dist, name);

    [Fact]
    public void LiveImage_writes_EVE_s_artefacts()
    {
        built.ExitCode.Should().Be(0, built.Fixture.Output);
        foreach (var name in new[] { "rootfs.tar", "rootfs.img", "config.img", "live.raw", "live.qcow2", "live.vdi", "live.vhdx", "live.vmdk", "live.img.tar.gz", "SHA256SUMS", "manifest.json", "sbom.spdx.json" })
        {
            File.Exists(Artefact(name)).Should().BeTrue(name);
        }

        new FileInfo(Artefact("live.img")).LinkTarget.Should().Be("live.qcow2", "qcow2 comes first in --img-format=all, as it is EVE's default");
        File.Exists(Path.Combine(built.Fixture.Root["dist/amd64/1.0.0/effective"], "live.yaml")).Should().BeTrue();
    }

    [Fact]
    public void The_disk_has_EVE_s_partitions_names_and_GUIDs()
    {
        ExternalTool.Check("sgdisk", "-v", Artefact("live.raw")).StdOut.Should().Contain("No problems found");
        var json = JsonDocument.Parse(ExternalTool.Check("sfdisk", "--json", Artefact("live.raw")).StdOut);
        var table = json.RootElement.GetProperty("partitiontable");
        table.GetProperty("id").GetString().Should().BeEquivalentTo("AD6871EE-31F9-4CF3-9E09-6F7A25C30050");
        var parts = table.GetProperty("partitions").EnumerateArray()
            .Select(p => (Node: p.GetProperty("node").GetString()!, Name: p.GetProperty("name").GetString(), Type: p.GetProperty("type").GetString()!.ToUpperInvariant(), Uuid: p.GetProperty("uuid").GetString()!.ToUpperInvariant()))
            .ToList();
        parts.Select(p => (p.Node[^1..], p.Name, p.Type, p.Uuid)).Should().Equal(
            ("1", "EFI System", "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "AD6871EE-31F9-4CF3-9E09-6F7A25C30051"),
            ("2", "IMGA", "5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6", "AD6871EE-31F9-4CF3-9E09-6F7A25C30052"),
            ("3", "IMGB", "5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6", "AD6871EE-31F9-4CF3-9E09-6F7A25C30053"),
            ("4", "CONFIG", "13307E62-CD9C-4920-8F9B-91B45828B798", "AD6871EE-31F9-4CF3-9E09-6F7A25C30054"),
            ("9", "P3", "5F24425A-2DFA-11E8-A270-7B663FACCC2C", "AD6871EE-31F9-4CF3-9E09-6F7A25C30059"));
        ExternalTool.Check("sgdisk", "-A", "2:show", Artefact("live.raw")).StdOut.Should().Contain("49").And.Contain("56");
    }

    [Fact]
    public void Every_filesystem_and_container_passes_its_checker()
    {
        ExternalTool.Check("fsck.vfat", "-n", Artefact("config.img"));
        ExternalTool.Check("unsquashfs", "-s", Artefact("rootfs.img")).StdOut.Should().Contain("Compression gzip");
        var listing = ExternalTool.Check("unsquashfs", "-lls", Artefact("rootfs.img")).StdOut;
        listing.Should().Contain("squashfs-root/sbin/init").And.Contain("squashfs-root/boot/kernel").And.Contain("squashfs-root/bin/busybox");
        foreach (var format in new[] { "qcow2", "vdi", "vhdx", "vmdk" })
        {
            if (format != "vmdk")
            {
                ExternalTool.Check("qemu-img", "check", Artefact("live." + format));
            }

            ExternalTool.Check("qemu-img", "compare", "-f", "raw", "-F", format, Artefact("live.raw"), Artefact("live." + format))
                .StdOut.Should().Contain("Images are identical");
        }

        ExternalTool.Check("tar", "-tzvf", Artefact("live.img.tar.gz")).StdOut.Should().Contain("disk.raw");
    }

    [Fact]
    public void The_ESP_holds_GRUB_the_kernel_and_the_initrd()
    {
        var efi = Directory.GetFiles(Path.Combine(Dist, "parts", "live"), "efi.img", SearchOption.AllDirectories).Single(f => f.Contains("squashfs", StringComparison.Ordinal));
        ExternalTool.Check("fsck.vfat", "-n", efi);
        var listing = ExternalTool.Check("mdir", "-/", "-b", "-i", efi, "::/").StdOut;
        listing.Should().Contain("::/EFI/BOOT/BOOTX64.EFI").And.Contain("::/EFI/BOOT/grub.cfg").And.Contain("::/boot/vmlinuz").And.Contain("::/boot/initrd.img");
    }

    [Fact]
    public void SHA256SUMS_lists_every_artefact_and_the_SBOM_is_SPDX_2_3()
    {
        var sums = File.ReadAllLines(Artefact("SHA256SUMS"));
        sums.Select(l => l.Split("  ")[1]).Should().Contain(["live.raw", "live.qcow2", "rootfs.img", "config.img"]);
        using var dir = new TempDirectory();
        ExternalTool.Run("sha256sum", ["-c", Artefact("SHA256SUMS")], workingDirectory: Dist).ExitCode.Should().Be(0);
        var sbom = JsonDocument.Parse(File.ReadAllText(Artefact("sbom.spdx.json"))).RootElement;
        sbom.GetProperty("spdxVersion").GetString().Should().Be("SPDX-2.3");
        sbom.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Contain("busybox-static");
        sbom.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()).Should().Contain("./bin/busybox");
        var manifest = JsonDocument.Parse(File.ReadAllText(Artefact("manifest.json"))).RootElement;
        manifest.GetProperty("knobs").GetProperty("arch").GetString().Should().Be("amd64");
        manifest.GetProperty("artefacts").GetProperty("live.raw").GetString().Should().HaveLength(64);
    }

    [Fact]
    public void BootTest_boots_live_raw_and_live_qcow2_from_IMGA_as_squashfs_then_as_ext4()
    {
        built.ExitCode.Should().Be(0);
        built.Fixture.Run("--target=BootTest").Should().Be(0, built.Fixture.Output);
        foreach (var image in new[] { "live.raw", "live.qcow2" })
        {
            File.ReadAllText(Path.Combine(Dist, "logs", $"boot-{image}.log")).Should().Contain("Hyperbake live 1.0.0 (amd64, hv=kvm, platform=generic) is up [root: /dev/vda2 squashfs]");
        }

        built.Fixture.Run("--target=BootTest", "--rootfs-format=ext4").Should().Be(0, built.Fixture.Output);
        File.ReadAllText(Path.Combine(Dist, "logs", "boot-live.raw.log")).Should().Contain("is up [root: /dev/vda2 ext4]");
        ExternalTool.Run("e2fsck", "-fn", Artefact("rootfs.img")).ExitCode.Should().Be(0);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveCollection
{
    public const string Name = "live builds (one at a time: each boots QEMU)";
}
