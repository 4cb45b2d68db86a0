using Hyperbake.Boot.Initramfs;
using Hyperbake.Host;
using Hyperbake.Imaging.Archives.Cpio;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>
/// initrd.img: busybox, the modules the recipe names (with their dependencies, in load order)
/// and an /init that finds the root partition by name, mounts it and switches to it.
/// </summary>
public static class InitramfsStage
{
    public const string Output = "initrd.img";

    /// <summary>The root partition the live image boots from; a kernel argument can name another.</summary>
    public const string RootPartition = "IMGA";

    public static string Run(ICakeContext task, LiveBuild build, long sourceDateEpoch)
    {
        var recipe = build.Recipe;
        var busybox = build.Pinned("busybox-static");
        var init = new InitramfsInit(RootPartition, "squashfs").Render();
        var fp = build.Cache.NewFingerprint(build.Instance("Initramfs"))
            .Value("init", init)
            .Value("modules", string.Join(",", recipe.Kernel.InitrdModules))
            .Upstream("kernel-package", KernelParts.PackageHash(build))
            .Upstream("busybox-static", busybox.Sha256);
        build.Cache.Run(task, fp, build.Parts, [Output], scratch =>
        {
            var kernel = KernelParts.Kernel(build);
            var tree = new FileTree(sourceDateEpoch);
            foreach (var dir in new[] { "bin", "dev", "proc", "sys", "tmp", "newroot", "lib/modules" })
            {
                tree.AddDirectory(dir);
            }

            var busyboxNode = build.Feed.Extract(busybox).Find("bin/busybox")
                ?? throw new InvalidOperationException($"{busybox} has no bin/busybox.");
            tree.AddFile("bin/busybox", busyboxNode.Content!, 0x1ED);
            tree.AddSymlink("bin/sh", "busybox");
            tree.AddFile("init", init, 0x1ED);

            // The kernel opens /dev/console before /init runs; devtmpfs is not mounted yet.
            tree.Add("dev/console", FileNode.Device(FileNodeKind.CharDevice, 5, 1, 0x180));
            var modules = new ModuleResolver(kernel.Modules, kernel.Version).Resolve(recipe.Kernel.InitrdModules);
            foreach (var (name, _, node) in modules)
            {
                tree.AddFile($"lib/modules/{name}.ko", node.Content!, 0x1A4);
            }

            tree.AddFile(InitramfsInit.ModuleListPath, string.Concat(modules.Select(m => m.Name + "\n")));

            Stamp(tree, sourceDateEpoch);
            CpioTreeWriter.WriteFile(tree, Path.Combine(scratch, Output), new CpioWriteOptions { Gzip = true });
        });
        return Path.Combine(build.Parts, Output);
    }

    /// <summary>Every entry gets SOURCE_DATE_EPOCH, so the archive does not depend on when packages were made.</summary>
    public static void Stamp(FileTree tree, long sourceDateEpoch)
    {
        foreach (var entry in tree.Walk())
        {
            entry.Node.ModificationTime = sourceDateEpoch;
        }
    }
}
