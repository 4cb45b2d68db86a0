using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hyperbake.Boot.ImageBuilder.Config;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Fat;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>
/// ImageBuilder's <c>disk_image</c> without root, loop devices or mkfs: a boot partition (FAT32, label
/// <c>boot</c>) with the files the config names, one rootfs partition per DOM0_ROOTFS/DOMU_ROOTFS archive,
/// xl configs in Dom0's /etc/xen, on a GPT (<c>GPT</c> set) or MBR table, streamed by <see cref="DiskWriter"/>.
/// The same sizes and partition order as disk_image, with its known bugs fixed:
/// <list type="bullet">
/// <item>MBR rootfs partitions are primary partitions (parted's "logical" without an extended partition failed,
/// leaving only partition 1); more than four partitions need GPT.</item>
/// <item>an xl config names the partition its DomU's rootfs is really on (disk_image counted every DomU);</item>
/// <item>xl configs are written for every DomU the boot script does not start (NOBOOT or ROOTFS), not only NOBOOT ones;</item>
/// <item>-t overrides the config's LOAD_CMD, and usb and virtio are understood, as in uboot-script-gen;</item>
/// <item>with BOOT_CMD=bootm the xen.ub the script loads is copied; empty variables are skipped; a missing
/// BOOT_AUX_FILE is an error; a file named twice is copied and counted once;</item>
/// <item>xl kernel/ramdisk paths include the prepend path; passthrough DTBs are found relative to -d;</item>
/// <item>iomem uses the full 64-bit addresses; the FAT boot partition has a FAT type on GPT (basic data), not 8300.</item>
/// </list>
/// </summary>
public static class DiskImageGenerator
{
    /// <summary>disk_image's 2 MiB rounding.</summary>
    public const long Align = 2 * ByteSize.MiB;

    /// <summary>The head room disk_image adds to the boot partition and to the whole image.</summary>
    public const long Extra = 16 * ByteSize.MiB;

    /// <summary>MBR slots (primary partitions).</summary>
    public const int MbrPartitions = 4;

    private const int BootFileMode = 0x1A4;

    public static DiskImagePlan Plan(ImageBuilderConfig config, DiskImageOptions options)
    {
        if (options.SlackMiB <= 0)
        {
            throw new ImageBuilderException($"Invalid SLACK parameter: -s {options.SlackMiB}; the slack added to each rootfs partition must be a positive number of MB.");
        }

        var directory = Path.GetFullPath(options.Directory);
        if (!Directory.Exists(directory))
        {
            throw new ImageBuilderException($"The directory '{options.Directory}' (-d) does not exist; it must hold the files the config names.");
        }

        var real = HostPaths.RealPath(directory);
        var messages = new List<string>();
        var warnings = new List<string>();
        var bootFiles = CollectBootFiles(config, options, directory, real);
        var bootBytes = AlignUp(bootFiles.Sum(f => f.Length) + Extra, Align);
        var bootMiB = bootBytes / ByteSize.MiB;
        messages.Add($"PART1 size: {bootMiB}MB");

        // Rootfs partitions: Dom0's first, then each DomU's in index order.
        var sources = new List<(string Variable, string Archive, DomUConfig? DomU)>();
        if (config.Dom0Rootfs.Length > 0)
        {
            sources.Add(("DOM0_ROOTFS", config.Dom0Rootfs, null));
        }

        foreach (var d in config.DomUs.Where(d => d.Rootfs.Length > 0))
        {
            sources.Add(($"DOMU_ROOTFS[{d.Index}]", d.Rootfs, d));
        }

        var table = config.Gpt.Length > 0 ? PartitionTableType.Gpt : PartitionTableType.Mbr;
        if (table == PartitionTableType.Mbr && sources.Count + 1 > MbrPartitions)
        {
            throw new ImageBuilderException(
                $"The image needs {sources.Count + 1} partitions (boot and {sources.Count} rootfs), but an MBR holds {MbrPartitions} primary partitions; set GPT=1 in the config or use fewer rootfs archives.");
        }

        var rootfs = new List<RootfsPartition>();
        var rootfsOf = new Dictionary<int, RootfsPartition>();
        foreach (var (variable, archive, domU) in sources)
        {
            var path = Resolve(directory, archive);
            if (!File.Exists(path))
            {
                throw new ImageBuilderException($"Can not find {archive}, exiting ({variable} is not a file in {directory}).");
            }

            var tree = RootfsArchive.Read(path, variable);
            var content = RootfsArchive.ApparentSize(tree);
            var sizeMiB = ((AlignUp(content, Align) * 2) + (options.SlackMiB * ByteSize.MiB)) / ByteSize.MiB;
            var partition = new RootfsPartition(rootfs.Count + 2, variable, archive, tree, content, sizeMiB);
            rootfs.Add(partition);
            if (domU is not null)
            {
                rootfsOf[domU.Index] = partition;
            }

            messages.Add($"PART size: {sizeMiB}MB");
        }

        var xl = XlConfigs(config, options, real, rootfs.FirstOrDefault(r => r.Variable == "DOM0_ROOTFS"), rootfsOf, directory, warnings);

        var totalMiB = bootMiB + rootfs.Sum(r => r.SizeMiB) + (Extra / ByteSize.MiB);
        if (options.PowerOfTwo)
        {
            totalMiB = (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)totalMiB);
        }

        return new DiskImagePlan
        {
            TableType = table,
            BootFiles = bootFiles,
            BootPartitionMiB = bootMiB,
            RootfsPartitions = rootfs,
            XlConfigs = xl,
            TotalMiB = totalMiB,
            Seed = Seed(table, bootFiles, rootfs, xl, options),
            Messages = messages,
            Warnings = warnings,
        };
    }

    /// <summary>Plans, then writes the image to <see cref="DiskImageOptions.Output"/> (atomically).</summary>
    public static DiskImagePlan Generate(ImageBuilderConfig config, DiskImageOptions options)
    {
        var plan = Plan(config, options);
        var layout = Layout(plan, options);
        var output = Path.GetFullPath(options.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        DiskWriter.Write(layout.ComputeLayout(), output, options.Format);
        return plan;
    }

    /// <summary>The disk as the disk assembly describes it: partition 1 at 1 MiB, the rest contiguous after it.</summary>
    public static DiskLayout Layout(DiskImagePlan plan, DiskImageOptions options)
    {
        var gpt = plan.TableType == PartitionTableType.Gpt;
        var layout = new DiskLayout(plan.TableType)
        {
            TotalSize = plan.TotalBytes,
            Seed = plan.Seed,
            Alignment = ByteSize.MiB,
        };
        var bootTree = new FileTree(options.SourceDateEpoch);
        foreach (var f in plan.BootFiles)
        {
            bootTree.AddFile(f.TargetPath, new HostFileContent(f.SourcePath), BootFileMode);
        }

        var bootBytes = plan.BootPartitionMiB * ByteSize.MiB;
        var firstSector = (uint)(ByteSize.MiB / DiskLayout.SectorSize);

        // mkfs.vfat -F 32, unless the partition is too small to be FAT32 (then the type fitting its size).
        FatType? fatType = FatLayout.TryCompute(bootBytes / FatLayout.SectorSize, FatType.Fat32, null, 0, out _) is null ? null : FatType.Fat32;
        var fat = new FatFileSystemBuilder(bootTree, new FatFileSystemOptions
        {
            Size = bootBytes,
            FatType = fatType,
            VolumeLabel = "boot",
            Timestamp = options.SourceDateEpoch,
            HiddenSectors = firstSector,
        });
        layout.Partitions.Add(new PartitionSpec("Linux1", gpt ? "microsoft-basic-data" : (PartitionType)(byte)0x0C, bootBytes, fat)
        {
            Bootable = !gpt,
            Number = 1,
        });
        foreach (var r in plan.RootfsPartitions)
        {
            var size = r.SizeMiB * ByteSize.MiB;
            var builder = options.RootfsFileSystem.Create(new RootfsFileSystemRequest(r.Tree, r.Label, size, options.SourceDateEpoch, $"{plan.Seed}/{r.Label}"));
            layout.Partitions.Add(new PartitionSpec($"Linux{r.Number}", "linux", size, builder) { Number = r.Number });
        }

        return layout;
    }

    private static List<BootFile> CollectBootFiles(ImageBuilderConfig config, DiskImageOptions options, string directory, string real)
    {
        var files = new List<BootFile>();
        var targets = new HashSet<string>(StringComparer.Ordinal);

        void Add(string variable, string value)
        {
            if (value.Length == 0)
            {
                return;
            }

            var source = Resolve(directory, value);
            if (!File.Exists(source))
            {
                throw new ImageBuilderException($"Can not find {value}, exiting ({variable} is not a file in {directory}).");
            }

            var target = BootPath(real, value, options.Prepend);
            if (targets.Add(target))
            {
                files.Add(new BootFile(variable, source, target, new FileInfo(source).Length));
            }
        }

        Add("DOM0_KERNEL", config.Dom0Kernel);
        Add("DEVICE_TREE", config.DeviceTree);
        if (config.UbootScript.Length == 0 && config.Fit.Length == 0)
        {
            throw new ImageBuilderException(
                "UBOOT_SCRIPT is not set, so the boot partition would hold no boot script; set UBOOT_SCRIPT (e.g. boot.scr) and UBOOT_SOURCE in the config and generate them first (UBootScript).");
        }

        Add("UBOOT_SCRIPT", config.UbootScript);
        Add("DOM0_RAMDISK", config.Dom0Ramdisk);
        for (var i = 0; i < config.DtOverlays.Count; i++)
        {
            Add($"DT_OVERLAY[{i}]", config.DtOverlays[i]);
        }

        Add("UBOOT_SOURCE", config.UbootSource);
        Add("FIT", config.Fit);

        // With bootm, boot.scr loads the uImage uboot-script-gen wrapped Xen in.
        Add(config.BootCmd == "bootm" && config.Xen.Length > 0 ? "XEN (as XEN.ub for BOOT_CMD=bootm)" : "XEN", config.BootCmd == "bootm" && config.Xen.Length > 0 ? config.Xen + ".ub" : config.Xen);
        for (var i = 0; i < config.BootAuxFiles.Count; i++)
        {
            Add($"BOOT_AUX_FILE[{i}]", config.BootAuxFiles[i]);
        }

        Add("BITSTREAM", config.Bitstream);
        foreach (var d in config.DomUs)
        {
            Add($"DOMU_KERNEL[{d.Index}]", d.Kernel);
            Add($"DOMU_RAMDISK[{d.Index}]", d.Ramdisk);
            Add($"DOMU_PASSTHROUGH_DTB[{d.Index}]", d.PassthroughDtb);
        }

        foreach (var extra in options.AdditionalBootFiles)
        {
            Add("an additional boot file", extra);
        }

        Add("LINUX", config.Linux);
        Add("LINUX_RAMDISK", config.LinuxRamdisk);
        return files;
    }

    private static List<XlDomainConfig> XlConfigs(
        ImageBuilderConfig config, DiskImageOptions options, string real, RootfsPartition? dom0, Dictionary<int, RootfsPartition> rootfsOf, string directory, List<string> warnings)
    {
        var guests = config.DomUs.Where(d => d.IsSkipped).ToList();
        if (guests.Count == 0)
        {
            return [];
        }

        if (dom0 is null)
        {
            warnings.Add(
                $"DomU{(guests.Count == 1 ? string.Empty : "s")} {string.Join(", ", guests.Select(g => g.Index))} " +
                "will not be started by the boot script (DOMU_NOBOOT or DOMU_ROOTFS) and there is no DOM0_ROOTFS to hold their xl configs.");
            return [];
        }

        var loadCmd = options.LoadCommand is { Length: > 0 } t ? LoadCommands.Resolve(t) : config.LoadCmd;
        if (loadCmd.Length == 0)
        {
            throw new ImageBuilderException("LOAD_CMD not set, either specify it in the config or set it with the -t option; the xl configs name the disk it reads.");
        }

        var disk = LinuxBlockDevice.Parse(loadCmd);
        var configs = new List<XlDomainConfig>();
        foreach (var d in guests)
        {
            if (d.Kernel.Length == 0)
            {
                throw new ImageBuilderException($"DOMU_KERNEL[{d.Index}] is not defined, but DomU {d.Index} gets an xl config (DOMU_NOBOOT or DOMU_ROOTFS); set DOMU_KERNEL[{d.Index}].");
            }

            rootfsOf.TryGetValue(d.Index, out var own);
            PassthroughResources? passthrough = null;
            var dtbName = string.Empty;
            if (d.PassthroughDtb.Length > 0)
            {
                var dtb = Resolve(directory, d.PassthroughDtb);
                passthrough = PassthroughResources.FromFile(dtb, $"DOMU_PASSTHROUGH_DTB[{d.Index}]");
                dtbName = Path.GetFileName(dtb);
                dom0.Tree.AddFile("etc/xen/" + dtbName, new HostFileContent(dtb), BootFileMode);
            }

            var xl = new XlDomainConfig
            {
                Index = d.Index,
                Memory = d.Mem.Length > 0 ? d.Mem : "512",
                Vcpus = d.Vcpus.Length > 0 ? d.Vcpus : "1",
                DriverDomain = d.DriverDomain,
                BootDevice = disk.PartitionPath(disk.Partition),
                Kernel = BootPath(real, d.Kernel, options.Prepend),
                Ramdisk = d.Ramdisk.Length > 0 ? BootPath(real, d.Ramdisk, options.Prepend) : string.Empty,
                CommandLine = XlDomainConfig.CommandLineFor(d.Cmd, own is not null),
                RootDevice = own is null ? string.Empty : disk.PartitionPath(disk.Partition + own.Number - 1),
                DeviceTree = dtbName,
                Passthrough = passthrough,
            };
            dom0.Tree.AddFile("etc/xen/" + xl.FileName, BytesContent.FromText(xl.Render()), BootFileMode);
            configs.Add(xl);
        }

        return configs;
    }

    private static string Resolve(string directory, string file) => Path.GetFullPath(Path.Combine(directory, file));

    /// <summary><c>cp --parents</c>: the path as given relative to -d (outside -d: the absolute path without its '/'), under the prepend path.</summary>
    private static string BootPath(string real, string file, string? prepend)
    {
        var relative = HostPaths.RelativePath(real, file).TrimStart('/');
        var head = prepend?.Trim('/') ?? string.Empty;
        return head.Length == 0 ? relative : head + "/" + relative;
    }

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;

    private static string Seed(PartitionTableType table, List<BootFile> boot, List<RootfsPartition> rootfs, List<XlDomainConfig> xl, DiskImageOptions options)
    {
        var sb = new StringBuilder("imagebuilder-disk-image\n").Append(table).Append('\n');
        foreach (var f in boot)
        {
            sb.Append(f.TargetPath).Append(' ').Append(f.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var r in rootfs)
        {
            sb.Append(r.Label).Append(' ').Append(Path.GetFileName(r.Archive)).Append(' ').Append(r.ContentBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var x in xl)
        {
            sb.Append(x.Render());
        }

        sb.Append(options.SourceDateEpoch.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
