using Build.Stages.Kernel;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Build.Tests.Kernel;

public sealed class KernelBootCheckTests
{
    [Fact]
    public void The_initramfs_holds_busybox_init_and_the_console_and_is_the_same_every_time()
    {
        using var temp = new TempDirectory();
        var busybox = new BytesContent("\u007fELF busybox"u8.ToArray());

        KernelBootCheck.WriteInitramfs(busybox, temp["a/initramfs.cpio.gz"], 1700000000);
        KernelBootCheck.WriteInitramfs(busybox, temp["b/initramfs.cpio.gz"], 1700000000);

        File.ReadAllBytes(temp["b/initramfs.cpio.gz"]).Should().Equal(File.ReadAllBytes(temp["a/initramfs.cpio.gz"]));
        Directory.CreateDirectory(temp["x"]);
        ExternalTool.Check("sh", "-c", $"cd {temp["x"]} && gzip -dc {temp["a/initramfs.cpio.gz"]} | cpio -idm --quiet init bin/busybox");
        var listing = ExternalTool.Check("sh", "-c", $"gzip -dc {temp["a/initramfs.cpio.gz"]} | cpio -tv --quiet").StdOut;
        listing.Should().Contain("init").And.Contain("bin/busybox").And.Contain("bin/sh -> busybox").And.MatchRegex(@"crw-------\s+1 root\s+root\s+5,\s+1 .* dev/console");
        File.ReadAllText(temp["x/init"]).Should().Be(KernelBootCheck.Init);
        File.ReadAllBytes(temp["x/bin/busybox"]).Should().Equal("\u007fELF busybox"u8.ToArray());
    }

    [Fact]
    public void The_init_prints_the_marker_with_the_running_release()
    {
        KernelBootCheck.Init.Should().StartWith("#!/bin/sh\n").And.Contain("echo \"HYPERBAKE-KERNEL-BOOT-OK $(/bin/busybox uname -r)\"");
        KernelBootCheck.Markers("6.1.176").Should().Equal("Linux version 6.1.176 (hyperbake@hyperbake)", "HYPERBAKE-KERNEL-BOOT-OK 6.1.176");
    }

    [Theory]
    [InlineData("amd64", "console=ttyS0 panic=-1")]
    [InlineData("arm64", "console=ttyAMA0 panic=-1")]
    [InlineData("riscv64", "console=ttyS0 panic=-1")]
    public void QEMU_boots_the_kernel_directly_without_firmware(string arch, string append)
    {
        using var temp = new TempDirectory();

        var args = KernelBootCheck.Machine(arch, "/k/bzImage", "/k/initramfs.cpio.gz", "tcg").Arguments(temp.Path, interactive: false);

        string.Join(' ', args).Should().Contain("-accel tcg").And.Contain("-kernel /k/bzImage -initrd /k/initramfs.cpio.gz -append " + append)
            .And.NotContain("pflash").And.NotContain("-bios");
    }
}
