using Hyperbake.Boot.Initramfs;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.Initramfs;

public sealed class ModuleResolverTests : IDisposable
{
    private const string Version = "6.1.0-test";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A real ELF object with a .modinfo section, as the kernel build makes one.</summary>
    private byte[] Module(string name, string depends)
    {
        var c = _dir[name + ".c"];
        File.WriteAllText(c, $"__attribute__((section(\".modinfo\"), used)) static const char info[] = \"license=GPL\\0depends={depends}\\0name={name}\";\n");
        ExternalTool.Check("gcc", "-c", c, "-o", _dir[name + ".ko"]);
        return File.ReadAllBytes(_dir[name + ".ko"]);
    }

    private FileTree KernelTree()
    {
        var tree = new FileTree();
        var dir = $"lib/modules/{Version}/kernel/";
        tree.AddFile(dir + "drivers/virtio/virtio.ko", new BytesContent(Module("virtio", "")));
        tree.AddFile(dir + "drivers/virtio/virtio_ring.ko", new BytesContent(Module("virtio_ring", "")));
        tree.AddFile(dir + "drivers/virtio/virtio_pci.ko", new BytesContent(Module("virtio_pci", "virtio_ring,virtio")));
        tree.AddFile(dir + "drivers/block/virtio_blk.ko", new BytesContent(Module("virtio_blk", "virtio,virtio_ring")));
        tree.AddFile(dir + "fs/squashfs/squashfs.ko", new BytesContent(Module("squashfs", "")));
        tree.AddFile($"lib/modules/{Version}/modules.builtin", "kernel/fs/ext4/ext4.ko\n");
        return tree;
    }

    [Fact]
    public void Dependencies_come_before_the_modules_that_need_them()
    {
        var order = new ModuleResolver(KernelTree(), Version).Resolve(["virtio_blk", "virtio_pci", "squashfs"]).Select(m => m.Name).ToList();

        order.Should().Equal("virtio", "virtio_ring", "virtio_blk", "virtio_pci", "squashfs");
    }

    [Fact]
    public void Built_in_modules_are_skipped_and_unknown_ones_named()
    {
        var resolver = new ModuleResolver(KernelTree(), Version);

        resolver.Resolve(["ext4", "squashfs"]).Select(m => m.Name).Should().Equal("squashfs");
        var act = () => resolver.Resolve(["isofs"]);
        act.Should().Throw<InvalidDataException>().WithMessage("Kernel module 'isofs' (named in the recipe) is not in kernel 6.1.0-test*");
    }
}
