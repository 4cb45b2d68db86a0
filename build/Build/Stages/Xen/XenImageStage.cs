using Build.Stages.Live;
using Hyperbake.Boot.ImageBuilder.Config;
using Hyperbake.Boot.ImageBuilder.DiskImage;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Boot.Xen;
using Hyperbake.Host;
using Hyperbake.Imaging.Trees;
using Hyperbake.Toolchains.Debian;
using Hyperbake.Toolchains.Kernel;

namespace Build.Stages.Xen;

/// <summary>
/// Builds the dom0less image of <c>recipes/xen-dom0less.yaml</c> for <c>--arch=arm64 --hv=xen --platform=qemu-virt</c>:
/// Xen and the kernel from their pinned Debian packages, one busybox initramfs per guest, the board's device
/// tree from QEMU, the ImageBuilder config made from the recipe, the U-Boot script (runtime or build-time
/// device tree mode), and the boot disk. Everything lands in <c>dist/&lt;arch&gt;/&lt;version&gt;/xen-dom0less/&lt;mode&gt;/</c>
/// at once (built in a scratch folder), and is restored from the stage cache when the inputs are unchanged.
/// </summary>
public static class XenImageStage
{
    public const string RecipeName = "xen-dom0less";
    public const string SettingsPath = "recipes/files/xen/dom0less.yaml";
    public const string ConfigName = "imagebuilder.cfg";
    public const string Hypervisor = "xen";
    public const string KernelName = "Image";

    /// <summary>Builds (or finds up to date) the image for the <c>--ib-dt-mode</c> given; returns its folder and what it holds.</summary>
    public static XenImage Run(BuildContext context)
    {
        var mode = new ImageBuilderArguments(context).DeviceTreeMode();
        var build = LiveBuild.For(context, RecipeName);
        var settings = XenSettingsReader.Read(Path.Combine(context.Root, SettingsPath), SettingsPath);
        CheckKnobs(context, build, settings);
        var recipe = build.Recipe;
        var pinned = new[] { settings.HypervisorPackage, settings.KernelPackage }.Concat(settings.UserlandPackages)
            .SelectMany(build.PinnedClosure).DistinctBy(p => p.Name).ToList();

        var config = MakeConfig(settings, recipe.Kernel.CommandLine);
        var outputs = new List<string> { Hypervisor, KernelName, settings.Board.DeviceTree, ConfigName, config.UbootSource, config.UbootScript, settings.DiskName };
        outputs.AddRange(settings.Guests.Select(g => g.Initramfs));
        if (mode == DeviceTreeMode.BuildTime)
        {
            outputs.Add(DiskImageStage.PatchedDeviceTreeName(config.DeviceTree));
        }

        var modeName = ModeName(mode);
        var directory = Path.Combine(context.DistDirectory, RecipeName, modeName);
        var fp = build.Cache.NewFingerprint(build.Instance("XenImage") + "/" + modeName)
            .Value("recipe", build.EffectiveRecipeText)
            .File(Path.Combine(context.Root, SettingsPath), SettingsPath)
            .Value("qemu", BoardDeviceTree.Version())
            .Value("device-tree-mode", modeName);
        foreach (var file in recipe.Files.Where(f => f.SourcePath is not null))
        {
            fp.File(file.SourcePath!, Path.GetRelativePath(context.Root, file.SourcePath!));
        }

        foreach (var p in pinned)
        {
            fp.Upstream(p.Name, p.Sha256);
        }

        build.Cache.Run(context, fp, directory, outputs, scratch => BuildInto(context, build, settings, config, mode, scratch));
        build.Cache.Save();
        context.Log.Information("Xen dom0less image ({0} device tree): {1}", modeName, Path.Combine(directory, settings.DiskName));
        return new XenImage(directory, Path.Combine(directory, settings.DiskName), settings, mode);
    }

    /// <summary>The image an earlier XenImage run left in dist/ for the <c>--ib-dt-mode</c> given.</summary>
    public static XenImage Locate(BuildContext context)
    {
        var mode = new ImageBuilderArguments(context).DeviceTreeMode();
        var settings = XenSettingsReader.Read(Path.Combine(context.Root, SettingsPath), SettingsPath);
        var directory = Path.Combine(context.DistDirectory, RecipeName, ModeName(mode));
        var disk = Path.Combine(directory, settings.DiskName);
        return File.Exists(disk)
            ? new XenImage(directory, disk, settings, mode)
            : throw new CakeException($"{Path.GetRelativePath(context.Root, disk)} does not exist; build it with --target=XenImage (same --arch/--hv/--platform/--ib-dt-mode), or run without --exclusive.");
    }

    public static string ModeName(DeviceTreeMode mode) => mode == DeviceTreeMode.BuildTime ? "buildtime" : "runtime";

    /// <summary>The ImageBuilder config of the recipe: its variables, DOM0_CMD defaulting to the recipe's kernel command line.</summary>
    public static ImageBuilderConfig MakeConfig(XenSettings settings, string kernelCommandLine)
    {
        var mapping = settings.ImageBuilder.ToList();
        if (!mapping.Any(kv => string.Equals(kv.Key, "DOM0_CMD", StringComparison.OrdinalIgnoreCase)) &&
            mapping.Any(kv => string.Equals(kv.Key, "DOM0_KERNEL", StringComparison.OrdinalIgnoreCase)))
        {
            mapping.Add(new("DOM0_CMD", kernelCommandLine));
        }

        return UBootScriptStage.Guard(() => ImageBuilderConfig.FromMapping(mapping, SettingsPath + " imagebuilder"));
    }

    private static void BuildInto(BuildContext context, LiveBuild build, XenSettings settings, ImageBuilderConfig config, DeviceTreeMode mode, string scratch)
    {
        var epoch = context.SourceDateEpoch;
        var feed = build.Feed;

        // Xen and the kernel, as the packages ship them.
        var xenPackage = build.Pinned(settings.HypervisorPackage);
        var xenTree = feed.Extract(xenPackage);
        var xen = xenTree.Walk().Where(e => e.Path.StartsWith("boot/xen-", StringComparison.Ordinal) && e.Node.Kind == FileNodeKind.RegularFile)
            .Select(e => (FileTreeEntry?)e).FirstOrDefault()
            ?? throw new InvalidOperationException($"{xenPackage} has no boot/xen-* image; hypervisor-package in {SettingsPath} must name a xen-hypervisor-<version>-<arch> package.");
        Copy(xen.Node.Content!, Path.Combine(scratch, Hypervisor));
        var kernel = StockKernel.Extract(feed, build.Lock, build.Arch, settings.KernelPackage);
        Copy(kernel.Kernel, Path.Combine(scratch, KernelName));
        context.Log.Information("Xen {0} ({1}), kernel {2} ({3})", xen.Path, xenPackage.Version, kernel.Version, kernel.Package.Version);

        // One initramfs per guest, from the recipe's userland.
        var userland = settings.UserlandPackages.SelectMany(build.PinnedClosure).DistinctBy(p => p.Name).Select(p => feed.Extract(p)).ToList();
        foreach (var guest in settings.Guests)
        {
            GuestInitramfs.Write(build.Recipe, userland, build.Templates, guest, epoch, Path.Combine(scratch, guest.Initramfs));
        }

        File.WriteAllBytes(Path.Combine(scratch, settings.Board.DeviceTree), BoardDeviceTree.Make(settings.Board, scratch));

        // The config as ImageBuilder reads it, then the script and the disk from that file.
        var configPath = Path.Combine(scratch, ConfigName);
        File.WriteAllText(configPath, ImageBuilderConfigText.Render(config, $"ImageBuilder config of the {RecipeName} recipe (generated from {SettingsPath})."));
        var reread = UBootScriptStage.Guard(() => ImageBuilderConfig.Parse(configPath));
        var script = UBootScriptStage.Guard(() => UBootScriptGenerator.Generate(reread, new UBootScriptOptions
        {
            Directory = scratch,
            SourceDateEpoch = epoch,
            DeviceTreeMode = mode,
        }));
        foreach (var line in script.StdoutLines)
        {
            context.Log.Verbose("{0}", line);
        }

        var disk = UBootScriptStage.Guard(() => DiskImageGenerator.Generate(reread, new DiskImageOptions
        {
            Directory = scratch,
            Output = Path.Combine(scratch, settings.DiskName),
            SourceDateEpoch = epoch,
            AdditionalBootFiles = mode == DeviceTreeMode.BuildTime ? [DiskImageStage.PatchedDeviceTreeName(reread.DeviceTree)] : [],
        }));
        context.Log.Information("{0}: {1} MiB, boot partition {2} MiB with {3}", settings.DiskName, disk.TotalMiB, disk.BootPartitionMiB, string.Join(", ", disk.BootFiles.Select(f => f.TargetPath)));
    }

    private static void CheckKnobs(BuildContext context, LiveBuild build, XenSettings settings)
    {
        var knobs = context.Knobs;
        if (knobs.Hypervisor != "xen")
        {
            throw new CakeException($"The {RecipeName} image needs --hv=xen (it is {knobs.Hypervisor}). Run with --arch=arm64 --hv=xen --platform=qemu-virt.");
        }

        if (settings.Platforms.Count > 0 && !settings.Platforms.Contains(knobs.Platform.Name, StringComparer.Ordinal))
        {
            throw new CakeException($"The {RecipeName} image is made for --platform={string.Join("|", settings.Platforms)}, not {knobs.Platform.Name} (see {SettingsPath}).");
        }

        // Composing checks --arch against the recipe's arches.
        var packages = build.Recipe.Packages;
        foreach (var p in new[] { settings.HypervisorPackage, settings.KernelPackage }.Concat(settings.UserlandPackages))
        {
            if (!packages.Contains(p, StringComparer.Ordinal))
            {
                throw new CakeException($"{p} ({SettingsPath}) is not in the packages of recipes/{RecipeName}.yaml, so UpdateLock does not pin it; add it there.");
            }
        }
    }

    private static void Copy(IContentSource content, string path)
    {
        using var source = content.OpenRead();
        using var target = File.Create(path);
        source.CopyTo(target);
    }
}

/// <summary>A built dom0less image: its folder, disk, settings and device tree mode.</summary>
public sealed record XenImage(string Directory, string Disk, XenSettings Settings, DeviceTreeMode Mode);
