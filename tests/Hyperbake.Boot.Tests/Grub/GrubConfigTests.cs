using Hyperbake.Boot.Grub;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.Grub;

public sealed class GrubConfigTests
{
    [Fact]
    public void The_live_image_config_matches_its_golden_file()
    {
        var config = new GrubConfig(
            "/EFI/BOOT/hyperbake.id",
            [new GrubMenuEntry("Hyperbake live 1.2.3", "/boot/vmlinuz", "/boot/initrd.img", "console=ttyS0,115200 panic=-1 hyperbake.root=IMGA hyperbake.rootfstype=squashfs")],
            Marker: "hyperbake: GRUB loaded the kernel");

        Golden.Verify(config.Render(), "live-grub.cfg");
    }

    [Fact]
    public void Titles_are_quoted_so_GRUB_does_not_expand_them()
    {
        var config = new GrubConfig("/x", [new GrubMenuEntry("a \"b\" $c", "/k", null, "quiet")]);

        config.Render().Should().Contain("menuentry \"a \\\"b\\\" \\$c\" {").And.NotContain("initrd");
    }

    [Theory]
    [InlineData("amd64", "x86_64-efi", "BOOTX64.EFI")]
    [InlineData("arm64", "arm64-efi", "BOOTAA64.EFI")]
    [InlineData("riscv64", "riscv64-efi", "BOOTRISCV64.EFI")]
    public void Each_arch_has_its_platform_and_removable_boot_file(string arch, string platform, string file)
    {
        GrubModules.Platform(arch).Should().Be(platform);
        GrubModules.RemovableBootFile(arch).Should().Be(file);
    }
}
