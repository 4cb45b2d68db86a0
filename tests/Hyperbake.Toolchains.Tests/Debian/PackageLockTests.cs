using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Tests.Debian;

public sealed class PackageLockTests
{
    [Fact]
    public void Round_trips_in_ordinal_order_with_identical_bytes()
    {
        var packageLock = new PackageLock();
        packageLock.Replace("bookworm", "arm64", [Package("zlib1g", "arm64", ["libc6"]), Package("libc6", "arm64", [], requested: false)]);
        packageLock.Replace("bookworm", "amd64", [Package("busybox-static", "amd64", [])]);

        var yaml = packageLock.ToYaml();
        var again = PackageLock.Parse(yaml, "packages.lock.yaml");

        again.ToYaml().Should().Be(yaml);
        yaml.IndexOf("amd64:", StringComparison.Ordinal).Should().BeLessThan(yaml.IndexOf("arm64:", StringComparison.Ordinal));
        yaml.IndexOf("libc6:", StringComparison.Ordinal).Should().BeLessThan(yaml.IndexOf("zlib1g:", StringComparison.Ordinal));
        again.Get("bookworm", "arm64", "zlib1g").Should().BeEquivalentTo(Package("zlib1g", "arm64", ["libc6"]));
        again.Closure("bookworm", "arm64", "zlib1g").Select(p => p.Name).Should().Equal("zlib1g", "libc6");
    }

    [Fact]
    public void Unknown_keys_and_missing_packages_are_errors_naming_the_fix()
    {
        var bad = () => PackageLock.Parse("suites:\n  bookworm:\n    amd64:\n      x:\n        version: 1\n        colour: red\n", "layers/core/packages.lock.yaml");
        bad.Should().Throw<FormatException>().WithMessage("layers/core/packages.lock.yaml:6:*");

        var missing = () => new PackageLock().Get("bookworm", "amd64", "busybox-static");
        missing.Should().Throw<KeyNotFoundException>().WithMessage("*busybox-static*UpdateLock*");
    }

    private static LockedPackage Package(string name, string arch, string[] depends, bool requested = true) =>
        new("bookworm", arch, name, "1.0-1", $"pool/main/x/{name}/{name}_1.0-1_{arch}.deb", new string('b', 64), 1234, depends, requested);
}
