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

    [Fact]
    public void A_malformed_value_is_an_error_naming_its_line()
    {
        var bad = () => PackageLock.Parse(
            "suites:\n  bookworm:\n    amd64:\n      x:\n        version: 1\n        filename: pool/x.deb\n        sha256: " + new string('a', 64) + "\n        size: big\n",
            "packages.lock.yaml");

        bad.Should().Throw<FormatException>().WithMessage("packages.lock.yaml:8:*'size'*big*");
    }

    [Fact]
    public void The_committed_lock_pins_what_the_live_image_takes_from_debian()
    {
        var path = Path.Combine(TestEnvironment.LayersRoot, "core", "packages.lock.yaml");
        var packageLock = PackageLock.Load(path);

        File.ReadAllText(path).Should().Be(packageLock.ToYaml(), "the lock is written only by UpdateLock");
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            packageLock.Get("bookworm", arch, "busybox-static").Requested.Should().BeTrue();
            var meta = packageLock.Get("bookworm", arch, "linux-image-cloud-" + arch);
            meta.Depends.Should().ContainSingle().Which.Should().MatchRegex($"^linux-image-6\\.1\\.0-\\d+-cloud-{arch}$");
            packageLock.Find("bookworm", arch, meta.Depends[0]).Should().NotBeNull();
        }

        packageLock.Get("bookworm", "amd64", "grub-efi-amd64-bin").Depends.Should().BeEmpty("only its files are used");
    }

    private static LockedPackage Package(string name, string arch, string[] depends, bool requested = true) =>
        new("bookworm", arch, name, "1.0-1", $"pool/main/x/{name}/{name}_1.0-1_{arch}.deb", new string('b', 64), 1234, depends, requested);
}
