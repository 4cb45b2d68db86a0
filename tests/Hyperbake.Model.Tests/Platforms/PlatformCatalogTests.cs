using Hyperbake.Model.Platforms;
using Hyperbake.Testing;

namespace Hyperbake.Model.Tests.Platforms;

public sealed class PlatformCatalogTests
{
    [Fact]
    public void The_core_layer_defines_the_standard_platforms()
    {
        var catalog = PlatformCatalog.Load(RepositoryRoot.Path);

        catalog.Platforms.Select(p => p.Name).Should().Contain(["generic", "qemu-virt", "rpi4", "zcu102"]);
        var generic = catalog.Find("generic")!;
        generic.Arches.Should().Equal("amd64", "arm64", "riscv64");
        generic.Hypervisors.Should().Equal("kvm", "xen", "none");
        generic.SourcePath.Should().Be("layers/core/platforms/generic.yaml");
        generic.Layer.Should().Be("core");
        catalog.Find("qemu-virt")!.Arches.Should().Equal("arm64", "riscv64", "amd64");
        catalog.Find("qemu-virt")!.Hypervisors.Should().Equal("xen", "kvm", "none", "sel4", "l4re");
        catalog.Find("zcu102")!.Arches.Should().Equal("arm64");
        catalog.Find("zcu102")!.Hypervisors.Should().Equal("xen", "none");
        catalog.Find("rpi4")!.Arches.Should().Equal("arm64");
        catalog.Find("rpi4")!.Hypervisors.Should().Equal("kvm", "none", "xen");
    }

    [Fact]
    public void Platforms_come_from_every_layer()
    {
        using var root = new TempDirectory();
        Write(root, "layers/a/platforms/one.yaml", "name: one\narches: [amd64]\nhypervisors: [kvm]\n");
        Write(root, "layers/b/platforms/two.yaml", "name: two\narches: [arm64]\nhypervisors: [xen]\n");
        Directory.CreateDirectory(root["layers/c"]);

        var catalog = PlatformCatalog.Load(root.Path);

        catalog.Platforms.Select(p => (p.Name, p.Layer)).Should().Equal(("one", "a"), ("two", "b"));
        catalog.Find("three").Should().BeNull();
    }

    [Fact]
    public void A_platform_defined_twice_names_both_files()
    {
        using var root = new TempDirectory();
        Write(root, "layers/a/platforms/one.yaml", "name: one\narches: [amd64]\nhypervisors: [kvm]\n");
        Write(root, "layers/b/platforms/one.yaml", "name: one\narches: [arm64]\nhypervisors: [xen]\n");

        var act = () => PlatformCatalog.Load(root.Path);

        act.Should().Throw<PlatformException>().WithMessage("The platform 'one' is defined twice: layers/a/platforms/one.yaml and layers/b/platforms/one.yaml. Remove or rename one of them.");
    }

    [Fact]
    public void A_yml_file_is_not_silently_ignored()
    {
        using var root = new TempDirectory();
        Write(root, "layers/a/platforms/one.yml", "name: one\n");

        var act = () => PlatformCatalog.Load(root.Path);

        act.Should().Throw<PlatformException>().WithMessage("layers/a/platforms/one.yml: platform files end in .yaml; rename it to one.yaml.");
    }

    private static void Write(TempDirectory root, string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(root[relative])!);
        File.WriteAllText(root[relative], text);
    }
}
