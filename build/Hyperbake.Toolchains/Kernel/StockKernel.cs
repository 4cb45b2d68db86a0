using Hyperbake.Imaging.Trees;
using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Kernel;

/// <summary>
/// Takes a stock Debian kernel from the package feed instead of building one: the kernel image, its
/// modules and its version from a <c>linux-image-*</c> package. A meta-package (<c>linux-image-amd64</c>)
/// is followed to the versioned package it depends on.
/// </summary>
public static class StockKernel
{
    /// <summary>Extracts the kernel named by <paramref name="package"/> (a pinned linux-image or linux-image meta-package).</summary>
    public static StockKernelImage Extract(DebianFeed feed, PackageLock packageLock, string architecture, string package)
    {
        var pinned = packageLock.Get(feed.Suite, architecture, package);
        var candidates = new List<LockedPackage> { pinned };
        candidates.AddRange(pinned.Depends
            .Where(d => d.StartsWith("linux-image-", StringComparison.Ordinal))
            .Select(d => packageLock.Find(feed.Suite, architecture, d))
            .OfType<LockedPackage>());
        foreach (var candidate in candidates)
        {
            if (TryExtract(feed.Extract(candidate), candidate) is { } kernel)
            {
                return kernel;
            }
        }

        throw new InvalidOperationException(
            $"No kernel image (boot/vmlinuz-*) in {pinned} or the linux-image package it depends on ({string.Join(", ", candidates.Skip(1))}). " +
            "Name a linux-image-<version>-<flavour> package or its meta-package, and lock its dependencies (ResolveOptions.MaxDepth >= 1).");
    }

    /// <summary>Extracts a kernel from a pinned linux-image package that the lock holds alone (convenience over <see cref="Extract(DebianFeed, PackageLock, string, string)"/>).</summary>
    public static StockKernelImage Extract(DebianFeed feed, LockedPackage package) =>
        TryExtract(feed.Extract(package), package) ?? throw new InvalidOperationException($"{package} holds no boot/vmlinuz-*; name the versioned linux-image package.");

    /// <summary>Finds the kernel in an extracted package tree, or null when it has none.</summary>
    public static StockKernelImage? TryExtract(FileTree tree, LockedPackage package)
    {
        var boot = tree.Find("boot");
        var vmlinuz = boot?.Children?.Keys.FirstOrDefault(n => n.StartsWith("vmlinuz-", StringComparison.Ordinal) || n.StartsWith("vmlinux-", StringComparison.Ordinal));
        if (vmlinuz is null)
        {
            return null;
        }

        var version = vmlinuz["vmlinuz-".Length..];
        var kernelNode = boot!.Children![vmlinuz];
        var modules = new FileTree();
        foreach (var root in new[] { "lib/modules/" + version, "usr/lib/modules/" + version })
        {
            if (tree.Find(root) is { IsDirectory: true })
            {
                foreach (var entry in tree.Walk().Where(e => e.Path == root || e.Path.StartsWith(root + "/", StringComparison.Ordinal)))
                {
                    modules.Add(entry.Path, entry.Node.IsDirectory ? FileNode.Directory(entry.Node.Mode).WithMetadataOf(entry.Node) : entry.Node);
                }
            }
        }

        var config = boot.Children.GetValueOrDefault("config-" + version)?.Content;
        return new StockKernelImage(version, "boot/" + vmlinuz, kernelNode.Content ?? BytesContent.Empty, modules, config, package);
    }
}
