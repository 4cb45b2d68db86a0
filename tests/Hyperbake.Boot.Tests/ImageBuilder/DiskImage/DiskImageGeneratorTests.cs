using System.Security.Cryptography;
using Hyperbake.Boot.ImageBuilder;
using Hyperbake.Boot.ImageBuilder.Config;
using Hyperbake.Boot.ImageBuilder.DiskImage;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder.DiskImage;

/// <summary>
/// disk_image's layout and contents, checked with sfdisk/sgdisk (tables), mtools (boot partition) and
/// e2fsck/debugfs (rootfs partitions), and its known bugs fixed.
/// </summary>
public sealed class DiskImageGeneratorTests : IClassFixture<DiskImageGeneratorTests.Scenario>
{
    private const string DomU0Config = """
        name="domU0"
        memory=256
        vcpus=2
        driver_domain=1
        # mount /dev/mmcblk0p1 /boot
        kernel="/boot/Image"
        ramdisk="/boot/domU0-ramdisk.cpio"
        extra="console=hvc0 root=/dev/ram0"
        device_tree="/etc/xen/serial0-passthrough.dtb"
        iomem = [ "0xFF000,1" ]
        dtdev = [ "/axi/serial@ff000000" ]
        irqs = [ 53 ]

        """;

    // disk_image would say /dev/mmcblk0p4 (it counts domU0, which has no rootfs); the rootfs is partition 3.
    private const string DomU1Config = """
        name="domU1"
        memory=512
        vcpus=1
        # mount /dev/mmcblk0p1 /boot
        kernel="/boot/Image"
        extra="console=hvc0 rw root=/dev/xvda"
        disk=["/dev/mmcblk0p3,,xvda"]

        """;

    private readonly Scenario _scenario;

    public DiskImageGeneratorTests(Scenario scenario) => _scenario = scenario;

    [Fact]
    public void Gpt_layout_matches_disk_image_sizes_and_passes_sgdisk()
    {
        var plan = _scenario.GptPlan;
        var image = _scenario.GptImage;

        // PART1: the counted files (each once) + 16 MiB, in 2 MiB steps
        var counted = new[] { "Image", "virt.dtb", "boot.scr", "dom0-ramdisk.cpio.gz", "boot.source", "xen", "domU0-ramdisk.cpio", "serial0-passthrough.dtb" }
            .Sum(f => new FileInfo(Path.Combine(_scenario.Inputs, f)).Length);
        plan.BootPartitionMiB.Should().Be((counted + (16 << 20) + (2 << 20) - 1) / (2 << 20) * 2);
        plan.Messages[0].Should().Be($"PART1 size: {plan.BootPartitionMiB}MB");
        plan.RootfsPartitions.Select(r => r.Label).Should().Equal("vos_2", "vos_3");
        plan.RootfsPartitions.Should().OnlyContain(r => r.SizeMiB == ((r.ContentBytes + (2 << 20) - 1) / (2 << 20) * 2 * 2) + 64);
        var sum = plan.BootPartitionMiB + plan.RootfsPartitions.Sum(r => r.SizeMiB) + 16;
        plan.TotalMiB.Should().Be((long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)sum));
        new FileInfo(image).Length.Should().Be(plan.TotalMiB << 20);

        ExternalTool.Check("sgdisk", "-v", image).StdOut.Should().Contain("No problems found");
        var parts = DiskImageFiles.Partitions(image);
        parts.Select(p => p.Name).Should().Equal("Linux1", "Linux2", "Linux3");
        parts[0].Start.Should().Be(2048);
        parts[0].Size.Should().Be(plan.BootPartitionMiB * 2048);
        parts[1].Start.Should().Be(parts[0].Start + parts[0].Size, "partitions follow each other without gaps");
        parts[2].Start.Should().Be(parts[1].Start + parts[1].Size);
        parts[2].Size.Should().Be(plan.RootfsPartitions[1].SizeMiB * 2048);
        parts[0].Type.Should().Be("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "the FAT boot partition is basic data, not 8300");
        parts[1].Type.Should().Be("0FC63DAF-8483-4772-8E79-3D69D8477DE4");
    }

    [Fact]
    public void Boot_partition_holds_the_inputs_byte_for_byte()
    {
        var parts = DiskImageFiles.Partitions(_scenario.GptImage);
        var boot = DiskImageFiles.ExtractPartition(_scenario.GptImage, parts[0].Start, parts[0].Size, _scenario.Root["boot.vfat"]);
        ExternalTool.Run("fsck.vfat", "-n", boot).ExitCode.Should().Be(0);
        // 22 MiB is too small for FAT32 (65525 clusters), so it gets the FAT type of its size, as mkfs.vfat would choose
        ExternalTool.Check("file", "-s", boot).StdOut.Should().Contain("FAT (16 bit)").And.Contain("label: \"BOOT ");
        var extracted = DiskImageFiles.ExtractFat(boot, _scenario.Root["boot-files"]);

        var files = Directory.GetFiles(extracted, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(extracted, f)).Order(StringComparer.Ordinal);
        files.Should().Equal(_scenario.GptPlan.BootFiles.Select(f => f.TargetPath).Order(StringComparer.Ordinal));
        foreach (var f in _scenario.GptPlan.BootFiles)
        {
            File.ReadAllBytes(Path.Combine(extracted, f.TargetPath)).Should().Equal(File.ReadAllBytes(f.SourcePath), f.TargetPath);
        }
    }

    [Fact]
    public void Rootfs_partitions_are_clean_ext4_with_the_archives_and_the_xl_configs()
    {
        var parts = DiskImageFiles.Partitions(_scenario.GptImage);
        var dom0 = DiskImageFiles.ExtractPartition(_scenario.GptImage, parts[1].Start, parts[1].Size, _scenario.Root["dom0.ext4"]);
        var domU1 = DiskImageFiles.ExtractPartition(_scenario.GptImage, parts[2].Start, parts[2].Size, _scenario.Root["domu1.ext4"]);
        foreach (var volume in new[] { dom0, domU1 })
        {
            var fsck = ExternalTool.Run("e2fsck", "-fn", volume);
            fsck.ExitCode.Should().Be(0, fsck.Output);
        }

        ExternalTool.Check("dumpe2fs", "-h", dom0).StdOut.Should().Contain("Filesystem volume name:   vos_2");
        ExternalTool.Check("dumpe2fs", "-h", domU1).StdOut.Should().Contain("Filesystem volume name:   vos_3");

        // The archives' trees, as debugfs extracts them, equal what GNU tar and cpio archived
        AssertSameTree(DiskImageFiles.ExtractExt(dom0, _scenario.Root["dom0-out"]), _scenario.Work("tree-dom0"), extra: ["etc/xen", "lost+found"]);
        AssertSameTree(DiskImageFiles.ExtractExt(domU1, _scenario.Root["domu1-out"]), _scenario.Work("tree-domu1"), extra: ["lost+found"]);
        DiskImageFiles.DebugFsCat(dom0, "/init").Should().BeEmpty();
        ExternalTool.Check("debugfs", "-R", "stat /init", dom0).StdOut.Should().Contain("Type: symlink");

        // The xl configs, with domU1's real partition
        DiskImageFiles.DebugFsCat(dom0, "/etc/xen/domU0.cfg").Should().Be(DomU0Config.ReplaceLineEndings("\n"));
        DiskImageFiles.DebugFsCat(dom0, "/etc/xen/domU1.cfg").Should().Be(DomU1Config.ReplaceLineEndings("\n"));
        File.ReadAllBytes(Path.Combine(_scenario.Root["dom0-out"], "etc/xen/serial0-passthrough.dtb"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(_scenario.Inputs, "serial0-passthrough.dtb")));
    }

    [Fact]
    public void Two_runs_give_identical_bytes()
    {
        var again = _scenario.Root["again.img"];
        DiskImageGenerator.Generate(_scenario.Config(DiskImageScenario.GptConfig), _scenario.Options(again, slack: 64, pow2: true));

        Hash(again).Should().Be(Hash(_scenario.GptImage));
    }

    [Fact]
    public void Mbr_puts_rootfs_partitions_in_primary_slots_with_a_bootable_fat_partition()
    {
        // Given the same system on an MBR (disk_image's parted "logical" partitions never appeared)
        var config = DiskImageScenario.GptConfig.Replace("GPT=1", string.Empty, StringComparison.Ordinal);
        var image = _scenario.Root["mbr.img"];

        var plan = DiskImageGenerator.Generate(_scenario.Config(config), _scenario.Options(image, slack: 8, load: "scsi"));

        var parts = DiskImageFiles.Partitions(image);
        parts.Should().HaveCount(3);
        parts[0].Should().Match<(int Number, long Start, long Size, string Type, bool Bootable, string Name)>(p => p.Start == 2048 && p.Type == "c" && p.Bootable);
        parts.Skip(1).Should().OnlyContain(p => p.Type == "83" && !p.Bootable);
        ExternalTool.Check("sfdisk", "-V", image);
        new FileInfo(image).Length.Should().Be((plan.BootPartitionMiB + plan.RootfsPartitions.Sum(r => r.SizeMiB) + 16) << 20, "without -a the size is not rounded");
        var dom0 = DiskImageFiles.ExtractPartition(image, parts[1].Start, parts[1].Size, _scenario.Root["mbr-dom0.ext4"]);
        DiskImageFiles.DebugFsCat(dom0, "/etc/xen/domU1.cfg").Should().Contain("# mount /dev/sda1 /boot\n").And.Contain("disk=[\"/dev/sda3,,xvda\"]\n");
    }

    [Fact]
    public void Load_option_overrides_the_config_and_prepend_reaches_the_xl_paths()
    {
        var plan = DiskImageGenerator.Plan(_scenario.Config(DiskImageScenario.GptConfig), _scenario.Options(_scenario.Root["unused.img"], load: "load virtio 0:1", prepend: "xen/"));

        plan.BootFiles.Should().OnlyContain(f => f.TargetPath.StartsWith("xen/", StringComparison.Ordinal));
        var xl = plan.XlConfigs.Single(x => x.Index == 0).Render();
        xl.Should().Contain("# mount /dev/vda1 /boot\n").And.Contain("kernel=\"/boot/xen/Image\"\n").And.Contain("ramdisk=\"/boot/xen/domU0-ramdisk.cpio\"\n");
        File.Exists(_scenario.Root["unused.img"]).Should().BeFalse("planning writes nothing");
    }

    [Fact]
    public void More_than_four_mbr_partitions_fail_before_writing()
    {
        var config = DiskImageScenario.GptConfig.Replace("GPT=1", """
            NUM_DOMUS=4
            DOMU_KERNEL[2]="Image"
            DOMU_ROOTFS[2]="domU1-rootfs.cpio.gz"
            DOMU_KERNEL[3]="Image"
            DOMU_ROOTFS[3]="domU1-rootfs.cpio.gz"
            """, StringComparison.Ordinal);
        var image = _scenario.Root["five.img"];

        var act = () => DiskImageGenerator.Generate(_scenario.Config(config), _scenario.Options(image));

        act.Should().Throw<ImageBuilderException>().WithMessage("The image needs 5 partitions (boot and 4 rootfs), but an MBR holds 4 primary partitions; set GPT=1*");
        File.Exists(image).Should().BeFalse();
    }

    [Theory]
    [InlineData("BOOT_AUX_FILE", "NUM_BOOT_AUX_FILE=1\nBOOT_AUX_FILE[0]=\"missing.bin\"", "Can not find missing.bin, exiting (BOOT_AUX_FILE[0] is not a file in")]
    [InlineData("DOM0_ROOTFS", "DOM0_ROOTFS=\"dom0-rootfs.zip\"", "Can not find dom0-rootfs.zip")]
    [InlineData("format", "DOM0_ROOTFS=\"boot.source\"", "Ignoring ")]
    public void Bad_inputs_fail_with_a_named_message_and_write_nothing(string what, string extra, string message)
    {
        var image = _scenario.Root[$"bad-{what}.img"];
        var act = () => DiskImageGenerator.Generate(_scenario.Config(DiskImageScenario.GptConfig + "\n" + extra + "\n"), _scenario.Options(image));

        act.Should().Throw<ImageBuilderException>().WithMessage(message + "*");
        File.Exists(image).Should().BeFalse();
    }

    [Fact]
    public void Bootm_copies_the_xen_uimage_the_script_loads()
    {
        File.WriteAllBytes(Path.Combine(_scenario.Inputs, "xen.ub"), new byte[1000]);
        var plan = DiskImageGenerator.Plan(_scenario.Config(DiskImageScenario.GptConfig + "\nBOOT_CMD=\"bootm\"\n"), _scenario.Options(_scenario.Root["bootm.img"]));

        plan.BootFiles.Select(f => f.TargetPath).Should().Contain("xen.ub").And.NotContain("xen");
    }

    [Fact]
    public void Passthrough_iomem_uses_all_address_cells()
    {
        var tree = new Hyperbake.Imaging.DeviceTree.FlattenedDeviceTree();
        var pt = tree.GetOrCreateNode("/passthrough");
        pt.SetU32("#address-cells", 2);
        pt.SetU32("#size-cells", 2);
        var dev = pt.AddChild("dev@880000000");
        dev.SetU32("xen,reg", 0x8, 0x80000000, 0x0, 0x2000, 0x0, 0x90000000);
        dev.SetString("xen,path", "/soc/dev@880000000");
        dev.SetEmpty("xen,force-assign-without-iommu");
        dev.SetU32("interrupts", 0, 21);

        var resources = PassthroughResources.From(tree, "test");

        resources.Iomem.Should().Equal("0x880000,2@0x90000");
        resources.DtDevices.Should().BeEmpty("force-assigned devices get no dtdev");
        resources.Irqs.Should().BeNull("an interrupts value that is not in threes drops the irqs line");
    }

    private static string Hash(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(f));
    }

    private static void AssertSameTree(string actual, string expected, string[] extra)
    {
        static IEnumerable<string> List(string root) => Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p)).Order(StringComparer.Ordinal);
        List(actual).Where(p => !extra.Any(e => p == e || p.StartsWith(e + "/", StringComparison.Ordinal))).Should().Equal(List(expected));
        foreach (var file in Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null))
        {
            File.ReadAllBytes(Path.Combine(actual, Path.GetRelativePath(expected, file))).Should().Equal(File.ReadAllBytes(file));
        }
    }

    /// <summary>The scenario and one GPT image (-t sd -a -s 64) shared by the tests.</summary>
    public sealed class Scenario : IDisposable
    {
        private readonly DiskImageScenario _inputs = new();

        public Scenario()
        {
            GptImage = Root["gpt.img"];
            GptPlan = DiskImageGenerator.Generate(Config(DiskImageScenario.GptConfig), Options(GptImage, slack: 64, pow2: true));
        }

        public TempDirectory Root => _inputs.Root;

        public string Inputs => _inputs.Inputs;

        public string GptImage { get; }

        public DiskImagePlan GptPlan { get; }

        public string Work(string name) => _inputs.Work(name);

        public ImageBuilderConfig Config(string text) => ImageBuilderConfig.ParseText(text, "config");

        public DiskImageOptions Options(string output, int slack = 128, bool pow2 = false, string load = "sd", string? prepend = null) => new()
        {
            Directory = Inputs,
            Output = output,
            LoadCommand = load,
            SlackMiB = slack,
            PowerOfTwo = pow2,
            Prepend = prepend,
            SourceDateEpoch = DiskImageScenario.Epoch,
        };

        public void Dispose() => _inputs.Dispose();
    }
}
