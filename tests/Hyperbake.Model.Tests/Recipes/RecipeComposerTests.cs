using Hyperbake.Model.Layers;
using Hyperbake.Model.Recipes;
using Hyperbake.Model.Yaml;
using Hyperbake.Testing;

namespace Hyperbake.Model.Tests.Recipes;

public sealed class RecipeComposerTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public RecipeComposerTests()
    {
        Write("layers/core/layer.yaml", "name: core\npriority: 1\n");
        Write("layers/vendor/layer.yaml", "name: vendor\npriority: 10\ndepends: [core]\n");
        Write("recipes/files/init", "#!/bin/sh\necho {banner}\n");
        Write("recipes/img.yaml", """
            name: img
            arches: [amd64, arm64]
            kernel:
              package: linux-image-cloud-amd64
              cmdline: console=ttyS0
              initrd-modules: [virtio_blk]
            packages: [busybox-static, strace]
            files:
              - path: sbin/init
                source: files/init
                mode: "0755"
                template: true
            """);
    }

    public void Dispose() => _root.Dispose();

    private void Write(string relative, string text)
    {
        var path = _root[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private ComposedRecipe Compose(string arch = "amd64", string hv = "kvm", string platform = "generic") =>
        new RecipeComposer(LayerSet.Load(_root.Path)).Compose("img", new CompositionInput(arch, hv, platform));

    [Fact]
    public void The_base_recipe_is_read_with_its_files_resolved_next_to_it()
    {
        var recipe = Compose().Image;

        recipe.Kernel.Package.Should().Be("linux-image-cloud-amd64");
        recipe.Files.Single().SourcePath.Should().Be(_root["recipes/files/init"]);
        recipe.Files.Single().Mode.Should().Be(0x1ED);
    }

    [Fact]
    public void Appends_apply_in_layer_priority_order_with_append_and_remove()
    {
        Write("layers/core/appends/img.yaml", "packages:append: [dropbear]\n");
        Write("layers/vendor/appends/img.yaml", "packages:remove: [strace]\nkernel:\n  cmdline: console=ttyS1\n");

        var composed = Compose();

        composed.Image.Packages.Should().Equal("busybox-static", "dropbear");
        composed.Image.Kernel.Cmdline().Should().Be("console=ttyS1");
        composed.Image.Kernel.Package.Should().Be("linux-image-cloud-amd64", "a nested mapping merges key by key");
        composed.Sources.Should().Equal("recipes/img.yaml", "layers/core/appends/img.yaml", "layers/vendor/appends/img.yaml");
    }

    [Fact]
    public void Arch_hv_and_platform_modifiers_apply_only_to_their_knob_values()
    {
        Write("layers/core/modifiers/arch/arm64.yaml", "kernel:\n  package: linux-image-cloud-arm64\n");
        Write("layers/core/modifiers/hv/xen.yaml", "packages:append: [xen-utils]\n");

        Compose(arch: "arm64", hv: "xen").Image.Should().Match<ImageRecipe>(r =>
            r.Kernel.Package == "linux-image-cloud-arm64" && r.Packages.Contains("xen-utils"));
        Compose().Image.Should().Match<ImageRecipe>(r =>
            r.Kernel.Package == "linux-image-cloud-amd64" && !r.Packages.Contains("xen-utils"));
    }

    [Fact]
    public void Features_expand_to_packages_and_files()
    {
        Write("layers/core/features/debug.yaml", "description: d\npackages:append: [gdb]\nfiles:append:\n  - path: etc/debug\n    content: x\n");
        Write("layers/vendor/appends/img.yaml", "features:append: [debug]\n");

        var recipe = Compose().Image;

        recipe.Packages.Should().Contain("gdb");
        recipe.Files.Select(f => f.Path).Should().Contain("etc/debug");
    }

    [Fact]
    public void An_unknown_key_is_reported_with_file_line_and_a_suggestion()
    {
        Write("layers/vendor/appends/img.yaml", "\nPackages: [x]\n");

        var act = () => Compose();

        act.Should().Throw<ModelException>().WithMessage("layers/vendor/appends/img.yaml:2: unknown key 'Packages'*Did you mean 'packages'?*");
    }

    [Fact]
    public void A_missing_source_file_names_the_declaring_file_and_line()
    {
        Write("layers/vendor/appends/img.yaml", "files:append:\n  - path: etc/motd\n    source: files/motd\n");

        var act = () => Compose();

        act.Should().Throw<ModelException>().WithMessage("layers/vendor/appends/img.yaml:3: file 'files/motd' for 'etc/motd' does not exist*");
    }

    [Fact]
    public void An_unknown_feature_lists_the_known_ones()
    {
        Write("layers/core/features/debug.yaml", "packages:append: [gdb]\n");
        Write("layers/core/appends/img.yaml", "features: [debgu]\n");

        var act = () => Compose();

        act.Should().Throw<ModelException>().WithMessage("layers/core/appends/img.yaml:1: unknown image feature 'debgu'. Known features: debug.");
    }

    [Fact]
    public void An_arch_the_recipe_does_not_support_is_refused()
    {
        var act = () => Compose(arch: "riscv64");

        act.Should().Throw<ModelException>().WithMessage("recipes/img.yaml:2: image recipe 'img' supports arches amd64, arm64; --arch=riscv64 is not one of them.");
    }

    [Fact]
    public void Partitions_that_do_not_fit_the_disk_are_refused_with_the_sizes()
    {
        Write("layers/core/appends/img.yaml", "partitions:\n  imga: 900MiB\n  disk: 1GiB\n");

        var act = () => Compose();

        act.Should().Throw<ModelException>().WithMessage("*the partitions need 1239 MiB but 'disk' is 1024 MiB*");
    }

    [Fact]
    public void The_effective_recipe_names_where_each_value_came_from()
    {
        Write("layers/vendor/appends/img.yaml", "kernel:\n  cmdline: console=ttyS1\n");

        var text = YamlEmitter.Emit(Compose().Document);

        text.Should().Contain("cmdline: console=ttyS1  # layers/vendor/appends/img.yaml:2");
        text.Should().Contain("package: linux-image-cloud-amd64  # recipes/img.yaml:4");
        var reparsed = YRead.Mapping(YamlLoader.Parse(text, "effective.yaml"), "x");
        ((YScalar)((YMapping)reparsed["kernel"]!)["cmdline"]!).Value.Should().Be("console=ttyS1");
    }
}

internal static class KernelSpecExtensions
{
    public static string Cmdline(this KernelSpec k) => k.CommandLine;
}
