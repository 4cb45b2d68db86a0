using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Tests.Debian;

public sealed class DependencyResolverTests
{
    private static PackageIndex Index(string packages) => PackageIndex.Parse(new StringReader(packages), "test Packages");

    private static string Stanza(string name, string version = "1.0-1", string? depends = null, string? preDepends = null, string? provides = null) =>
        $"Package: {name}\nVersion: {version}\nArchitecture: amd64\nFilename: pool/main/{name[0]}/{name}/{name}_{version}_amd64.deb\nSize: 100\nSHA256: {new string('a', 64)}\n" +
        (depends is null ? "" : $"Depends: {depends}\n") + (preDepends is null ? "" : $"Pre-Depends: {preDepends}\n") + (provides is null ? "" : $"Provides: {provides}\n") +
        "Description: a test package\n with a long\n description\n\n";

    [Fact]
    public void Follows_depends_and_pre_depends_recursively_taking_the_first_existing_alternative()
    {
        var index = Index(
            Stanza("app", depends: "libfoo (>= 2), missing-thing | libbar, libc6:any", preDepends: "dpkg") +
            Stanza("libfoo", "2.1-1", depends: "libc6") +
            Stanza("libbar") +
            Stanza("libc6") +
            Stanza("dpkg", depends: "libc6") +
            Stanza("unrelated"));

        var resolved = DependencyResolver.Resolve(index, "bookworm", "amd64", ["app"]);

        resolved.Select(p => p.Name).Should().Equal("app", "dpkg", "libbar", "libc6", "libfoo");
        resolved.Single(p => p.Name == "app").Depends.Should().Equal("dpkg", "libbar", "libc6", "libfoo");
        resolved.Single(p => p.Name == "app").Requested.Should().BeTrue();
        resolved.Single(p => p.Name == "libc6").Requested.Should().BeFalse();
    }

    [Fact]
    public void A_virtual_package_is_satisfied_by_a_chosen_provider_or_the_first_provider()
    {
        var index = Index(
            Stanza("app", depends: "mail-transport-agent, awk") +
            Stanza("postfix", provides: "mail-transport-agent") +
            Stanza("exim4", provides: "mail-transport-agent") +
            Stanza("mawk", provides: "awk"));

        // When a provider is already chosen, it satisfies the virtual dependency
        DependencyResolver.Resolve(index, "bookworm", "amd64", ["postfix", "app"]).Select(p => p.Name).Should().Equal("app", "mawk", "postfix");

        // Otherwise the alphabetically first provider is taken, deterministically
        DependencyResolver.Resolve(index, "bookworm", "amd64", ["app"]).Select(p => p.Name).Should().Equal("app", "exim4", "mawk");
    }

    [Fact]
    public void Depth_and_exclusions_limit_what_is_pulled_in()
    {
        var index = Index(
            Stanza("linux-image-amd64", depends: "linux-image-6.1.0-9-amd64 (= 1.0-1)") +
            Stanza("linux-image-6.1.0-9-amd64", depends: "kmod, initramfs-tools | linux-initramfs-tool") +
            Stanza("kmod") + Stanza("initramfs-tools"));

        DependencyResolver.Resolve(index, "bookworm", "amd64", ["linux-image-amd64"], new ResolveOptions { MaxDepth = 1 })
            .Select(p => p.Name).Should().Equal("linux-image-6.1.0-9-amd64", "linux-image-amd64");
        DependencyResolver.Resolve(index, "bookworm", "amd64", ["linux-image-amd64"], new ResolveOptions { Excluded = new HashSet<string> { "initramfs-tools", "linux-initramfs-tool" } })
            .Select(p => p.Name).Should().Equal("kmod", "linux-image-6.1.0-9-amd64", "linux-image-amd64");
    }

    [Fact]
    public void Each_request_has_its_own_depth_and_the_deepest_path_wins()
    {
        var index = Index(
            Stanza("linux-image-amd64", depends: "linux-image-6.1.0-9-amd64") +
            Stanza("linux-image-6.1.0-9-amd64", depends: "kmod") +
            Stanza("grub-efi-amd64-bin", depends: "grub-common") +
            Stanza("grub-common", depends: "libc6") +
            Stanza("kmod", depends: "libc6") +
            Stanza("libc6"));

        PackageRequest[] requests = [new("linux-image-amd64", 1), new("grub-efi-amd64-bin", 0), "kmod"];
        DependencyResolver.Resolve(index, "bookworm", "amd64", requests).Select(p => p.Name)
            .Should().Equal("grub-efi-amd64-bin", "kmod", "libc6", "linux-image-6.1.0-9-amd64", "linux-image-amd64");
    }

    [Fact]
    public void An_unsatisfiable_dependency_names_the_package_and_the_relation()
    {
        var index = Index(Stanza("app", depends: "libgone (>= 3)"));
        var act = () => DependencyResolver.Resolve(index, "bookworm", "amd64", ["app"]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*app 1.0-1 depends on 'libgone (>= 3)'*bookworm*amd64*");
    }

    [Fact]
    public void A_version_constraint_skips_an_alternative_that_does_not_meet_it()
    {
        var index = Index(Stanza("app", depends: "libnew (>= 2) | libold") + Stanza("libnew", "1.5-1") + Stanza("libold"));
        DependencyResolver.Resolve(index, "bookworm", "amd64", ["app"]).Select(p => p.Name).Should().Equal("app", "libold");
    }
}
