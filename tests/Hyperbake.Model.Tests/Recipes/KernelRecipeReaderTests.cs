using Hyperbake.Model.Layers;
using Hyperbake.Model.Recipes;
using Hyperbake.Testing;

namespace Hyperbake.Model.Tests.Recipes;

public sealed class KernelRecipeReaderTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public KernelRecipeReaderTests()
    {
        Write("layers/core/layer.yaml", "name: core\npriority: 1\n");
        Write("layers/vendor/layer.yaml", "name: vendor\npriority: 10\ndepends: [core]\n");
        Write("layers/core/files/kernel/console.cfg", "CONFIG_SERIAL_8250=y\n");
        Write("layers/core/files/kernel/virt.cfg", "CONFIG_PCI=y\n");
        Write("layers/vendor/files/kernel/virt.cfg", "CONFIG_PCI=y\nCONFIG_VENDOR=y\n");
        Write("layers/vendor/recipes/kernels/extra/board.cfg", "CONFIG_BOARD=y\n");
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void The_committed_tiny_recipe_builds_linux_source_from_tinyconfig_with_its_fragments()
    {
        var layers = LayerSet.Load(RepositoryRoot.Path);

        var recipe = KernelRecipeReader.Load(layers, "tiny");

        recipe.Source.Should().Be("debian:linux-source-6.1");
        recipe.Defconfig.Should().Be("tinyconfig");
        recipe.Arches.Should().Equal("amd64", "arm64", "riscv64");
        recipe.FragmentsFor("amd64").Select(Path.GetFileName).Should().Equal("base.cfg", "serial-console.cfg", "initramfs.cfg", "virtio.cfg");
        recipe.FragmentsFor("arm64").Select(Path.GetFileName).Should().EndWith("arm64-virt.cfg");
        var coreFragments = Path.Combine(RepositoryRoot.Path, "layers", "core", "files", "kernel");
        recipe.FragmentsFor("amd64").Select(Path.GetDirectoryName).Should().AllBe(coreFragments);
        KernelRecipeReader.Names(layers).Should().Contain("tiny");
    }

    [Fact]
    public void Fragments_come_from_the_highest_priority_layer_or_next_to_the_recipe()
    {
        Write("layers/vendor/recipes/kernels/board.yaml", """
            name: board
            arches: [arm64]
            source: tarball:linux.tar.xz#0000000000000000000000000000000000000000000000000000000000000000
            fragments: [console.cfg, virt.cfg]
            arch-fragments:
              arm64: [extra/board.cfg]
            """);

        var recipe = KernelRecipeReader.Load(LayerSet.Load(_root.Path), "board");

        recipe.Defconfig.Should().Be("defconfig");
        recipe.FragmentsFor("arm64").Should().Equal(
            _root["layers/core/files/kernel/console.cfg"],
            _root["layers/vendor/files/kernel/virt.cfg"],
            _root["layers/vendor/recipes/kernels/extra/board.cfg"]);
    }

    [Theory]
    [InlineData("name: k\nsource: debian:linux-source-6.1\nfragment: [console.cfg]\n", "*board.yaml:3: unknown key 'fragment'*Allowed keys*fragments*")]
    [InlineData("name: k\nfragments: [console.cfg]\n", "*board.yaml:1: kernel recipe 'k' needs 'source': debian:PACKAGE*")]
    [InlineData("name: k\nsource: debian:linux-source-6.1\nfragments: [console.cfg, missing.cfg]\n", "*board.yaml:3: kernel config fragment 'missing.cfg' is in no layer's files/kernel/*layers/vendor/files/kernel/missing.cfg*")]
    [InlineData("name: k\narches: [amd64]\nsource: debian:linux-source-6.1\narch-fragments:\n  arm64: [virt.cfg]\n", "*board.yaml:5: 'arch-fragments' names arch 'arm64', which is not in 'arches' (amd64)*")]
    public void Mistakes_are_reported_at_their_line(string yaml, string message)
    {
        Write("layers/vendor/recipes/kernels/board.yaml", yaml);

        var act = () => KernelRecipeReader.Load(LayerSet.Load(_root.Path), "board");

        act.Should().Throw<ModelException>().WithMessage(message);
    }

    [Fact]
    public void An_unknown_recipe_lists_the_known_ones()
    {
        Write("layers/core/recipes/kernels/tiny.yaml", "name: tiny\nsource: debian:linux-source-6.1\n");

        var act = () => KernelRecipeReader.Load(LayerSet.Load(_root.Path), "tiney");

        act.Should().Throw<ModelException>().WithMessage("kernel recipe 'tiney' was not found in any layer's recipes/kernels/. Known kernel recipes: tiny.");
    }

    private void Write(string relative, string text)
    {
        var path = _root[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
