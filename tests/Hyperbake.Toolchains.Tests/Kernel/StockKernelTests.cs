using Hyperbake.Toolchains.Debian;
using Hyperbake.Toolchains.Kernel;
using Hyperbake.Toolchains.Tests.Debian;

namespace Hyperbake.Toolchains.Tests.Kernel;

[Collection(DebianFeedCollection.Name)]
public sealed class StockKernelTests(DebianFeedFixture fixture)
{
    [Fact]
    public void Takes_kernel_modules_and_version_from_a_debian_kernel_meta_package()
    {
        // Given the cloud kernel's meta-package locked with its versioned package only (no kmod, no initramfs-tools)
        var feed = fixture.Feed;
        var packageLock = new PackageLock();
        packageLock.Replace(feed.Suite, "amd64", feed.Resolve(["linux-image-cloud-amd64"], "amd64", new ResolveOptions { MaxDepth = 1 }));
        packageLock.Packages(feed.Suite, "amd64").Select(p => p.Name).Should().HaveCount(2).And.Contain("linux-image-cloud-amd64")
            .And.Contain(n => n.StartsWith("linux-image-6.", StringComparison.Ordinal) && n.EndsWith("-cloud-amd64", StringComparison.Ordinal));

        // When the kernel is extracted
        var kernel = StockKernel.Extract(feed, packageLock, "amd64", "linux-image-cloud-amd64");

        // Then the version, the bzImage and the modules of that version are there
        kernel.Version.Should().MatchRegex(@"^6\.\d+\.\d+-\d+-cloud-amd64$");
        kernel.KernelPath.Should().Be("boot/vmlinuz-" + kernel.Version);
        kernel.Package.Name.Should().Be("linux-image-" + kernel.Version);
        using (var image = kernel.Kernel.OpenRead())
        {
            var header = new byte[0x206];
            image.ReadExactly(header);
            System.Text.Encoding.ASCII.GetString(header, 0x202, 4).Should().Be("HdrS", "an x86 bzImage carries the boot protocol magic at 0x202");
        }

        kernel.Kernel.Length.Should().BeGreaterThan(4_000_000);
        var modules = kernel.Modules.Walk().Select(e => e.Path).ToList();
        modules.Should().Contain($"lib/modules/{kernel.Version}/modules.order");
        modules.Should().Contain(p => p.EndsWith("/squashfs.ko", StringComparison.Ordinal));
        modules.Should().OnlyContain(p => p.Length == 0 || "lib/modules".StartsWith(p, StringComparison.Ordinal) || p.StartsWith($"lib/modules/{kernel.Version}", StringComparison.Ordinal));
        kernel.Config.Should().NotBeNull();
    }
}
