using Build.Tests.Fixtures;
using Hyperbake.Testing;

namespace Build.Tests.Imaging;

/// <summary>The example layouts in layers/core/files/layouts/ are valid and plan as their comments say.</summary>
public sealed class ExampleLayoutTests
{
    [Fact]
    public void The_genimage_like_example_plans_with_its_inputs_beside_it()
    {
        using var fixture = new BuildFixture();
        var folder = fixture.Root["layers/core/files/layouts"];
        var esp = Directory.CreateDirectory(Path.Combine(folder, "esp", "EFI", "BOOT")).FullName;
        File.WriteAllText(Path.Combine(esp, "BOOTAA64.EFI"), "loader");
        var rootfs = AwkwardFolder.Create(fixture.Root["rootfs"]);
        ExternalTool.Check("tar", "-czf", Path.Combine(folder, "rootfs.tar.gz"), "-C", rootfs, ".");
        fixture.Run("--target=Filesystem", "--type=squashfs", "--from=rootfs", "--out=" + Path.Combine(folder, "guest0.squashfs"), "--source-date-epoch=0").Should().Be(0, fixture.Output);

        fixture.Run("--target=Image", "--layout=layers/core/files/layouts/genimage-like.yaml", "--plan", "--source-date-epoch=0").Should().Be(0, fixture.Output);

        fixture.Output.Should().Contain("GPT disk of 1 GiB");
        fixture.Output.Should().MatchRegex(@"1 +esp +0x100000 +0x4100000 +64MiB .* fat32 image of esp/");
        fixture.Output.Should().MatchRegex(@"2 +hvroot .* B921B045-1DF0-41C3-AF44-4C6F280D3FAE +ext4 image of rootfs\.tar\.gz");
        fixture.Output.Should().MatchRegex(@"4 +data .* \(empty\)");
        fixture.Output.Should().Contain("Total size: 1 GiB (1,073,741,824 bytes)");
    }

    [Fact]
    public void The_rpi_example_plans_an_mbr_disk_sized_to_its_content()
    {
        using var fixture = new BuildFixture();
        var folder = fixture.Root["layers/core/files/layouts"];
        Directory.CreateDirectory(Path.Combine(folder, "boot"));
        File.WriteAllText(Path.Combine(folder, "boot", "config.txt"), "arm_64bit=1\n");
        var rootfs = AwkwardFolder.Create(fixture.Root["rootfs"]);
        ExternalTool.Check("tar", "-cf", Path.Combine(folder, "rootfs.tar"), "-C", rootfs, ".");

        fixture.Run("--target=Image", "--layout=layers/core/files/layouts/rpi-mbr.yaml", "--plan", "--source-date-epoch=0").Should().Be(0, fixture.Output);

        fixture.Output.Should().Contain("MBR disk of").And.Contain("disk id 0x5eed1e55");
        fixture.Output.Should().MatchRegex(@"1 +boot +0x100000 +0x10100000 +256MiB +0x0C +fat32 image of boot/");
        fixture.Output.Should().MatchRegex(@"2 +root .* +0x83 +ext4 image of rootfs\.tar");
    }
}
