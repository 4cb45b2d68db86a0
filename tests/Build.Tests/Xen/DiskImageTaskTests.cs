using Build.Tests.Fixtures;
using Hyperbake.Testing;

namespace Build.Tests.Xen;

/// <summary>--target=DiskImage is disk_image from the command line: the recorded case04 inputs on an MBR disk.</summary>
public sealed class DiskImageTaskTests
{
    [Fact]
    public void Target_writes_the_boot_partition_with_the_configs_files()
    {
        // Given case04's inputs and a boot script generated for them
        using var fixture = new BuildFixture();
        const string name = "case04_qemu_virt_arm64_virtio";
        var inputs = ImageBuilderExamples.MakeInputs(name, fixture.Root["inputs"]);
        var config = Path.Combine(ImageBuilderExamples.Case(name), "config");
        fixture.Run("--target=UBootScript", "--ib-config=" + config, "--ib-dir=" + inputs, "--source-date-epoch=1").Should().Be(0, fixture.Output);
        var image = fixture.Root["out/case04.img"];

        // When
        var exit = fixture.Run("--target=DiskImage", "--ib-config=" + config, "--ib-dir=" + inputs, "--ib-output=" + image, "--ib-load=sd", "--source-date-epoch=1");

        // Then one bootable FAT partition at 1 MiB holds each file once
        exit.Should().Be(0, fixture.Output);
        fixture.Output.Should().MatchRegex(@"PART1 size: \d+MB");
        ExternalTool.Check("sfdisk", "-d", image).StdOut.Should().MatchRegex(@"case04\.img1 : start=\s+2048, size=\s+\d+, type=c, bootable");
        var listing = ExternalTool.Check("mdir", "-b", "-i", image + "@@1M", "::/").StdOut;
        listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().TrimStart(':', '/')).Order(StringComparer.Ordinal)
            .Should().Equal("Image-6.6", "boot.scr", "boot.source", "dom0-initrd.cpio.gz", "domu-initrd.cpio.gz", "virt-gicv3.dtb", "xen-4.18");
    }

    [Fact]
    public void Missing_output_is_named_and_nothing_is_written()
    {
        using var fixture = new BuildFixture();
        const string name = "case04_qemu_virt_arm64_virtio";
        var inputs = ImageBuilderExamples.MakeInputs(name, fixture.Root["inputs"]);
        var before = Directory.GetFiles(inputs).Order(StringComparer.Ordinal).ToList();

        fixture.Run("--target=DiskImage", "--ib-config=" + Path.Combine(ImageBuilderExamples.Case(name), "config"), "--ib-dir=" + inputs).Should().NotBe(0);

        fixture.Output.Should().Contain("Error: --ib-output is missing: give ImageBuilder's -o IMG as --ib-output=PATH.");
        Directory.GetFiles(inputs).Order(StringComparer.Ordinal).Should().Equal(before);
    }

    [Fact]
    public void Missing_boot_script_fails_with_the_fix()
    {
        using var fixture = new BuildFixture();
        const string name = "case04_qemu_virt_arm64_virtio";
        var inputs = ImageBuilderExamples.MakeInputs(name, fixture.Root["inputs"]);
        var image = fixture.Root["x.img"];

        fixture.Run("--target=DiskImage", "--ib-config=" + Path.Combine(ImageBuilderExamples.Case(name), "config"), "--ib-dir=" + inputs, "--ib-output=" + image).Should().NotBe(0);

        fixture.Output.Should().Contain("Error: Can not find boot.scr, exiting (UBOOT_SCRIPT is not a file in");
        File.Exists(image).Should().BeFalse();
    }
}
