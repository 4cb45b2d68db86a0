using Hyperbake.Boot.ImageBuilder.Config;

namespace Hyperbake.Boot.Tests.ImageBuilder;

public sealed class ConfigReaderTests
{
    [Fact]
    public void Reads_the_bash_assignment_subset()
    {
        // Given a config using every supported form
        const string text = """
            # comment
            MEMORY_START="0x0"   # trailing comment
            MEMORY_END=0x80000000
            BASE=/srv/images
            XEN=$BASE/xen
            DEVICE_TREE="${BASE}/board.dtb"
            XEN_CMD='console=dtuart $NOT_EXPANDED "quoted"'
            DOM0_KERNEL="Image"; DOM0_CMD="a \"b\" \$c \\d"
            export LOAD_CMD=tftpb
            NUM_DOMUS=2
            DOMU_KERNEL[0]=Image-domU  DOMU_MEM[0]=512
            DOMU_CMD[1]="console=ttyAMA0 \
            root=/dev/ram0"
            DOMU_KERNEL[1]=${DOMU_KERNEL[0]}
            DOMU_KERNEL[1]+=-2
            UBOOT_SOURCE=${UNSET_THING:-boot.source}
            UBOOT_SCRIPT=$HOME_DIR/boot.scr
            """;

        // When parsed, with one environment variable
        var config = ImageBuilderConfig.ParseText(text, "config", n => n == "HOME_DIR" ? "/home/x" : null);

        // Then each value is what bash would assign
        config.MemoryStart.Should().Be("0x0");
        config.Xen.Should().Be("/srv/images/xen");
        config.DeviceTree.Should().Be("/srv/images/board.dtb");
        config.XenCmd.Should().Be("console=dtuart $NOT_EXPANDED \"quoted\"");
        config.Dom0Cmd.Should().Be("a \"b\" $c \\d");
        config.LoadCmd.Should().Be("tftpb");
        config.NumDomUs.Should().Be(2);
        config.DomUs[0].Kernel.Should().Be("Image-domU");
        config.DomUs[0].Mem.Should().Be("512");
        config.DomUs[1].Cmd.Should().Be("console=ttyAMA0 root=/dev/ram0");
        config.DomUs[1].Kernel.Should().Be("Image-domU-2");
        config.UbootSource.Should().Be("boot.source");
        config.UbootScript.Should().Be("/home/x/boot.scr");
        config.SourceOf("DOMU_MEM", 0)!.Line.Should().Be(11);

        // And the helper variable BASE is not reported, being used in an expansion
        config.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Unknown_and_out_of_range_variables_are_warnings_with_lines()
    {
        const string text = "XEN=xen\nDOM0_KERNEL=Image\nDOMU_KERNAL[0]=typo\nNUM_DOMUS=1\nDOMU_KERNEL[0]=a\nDOMU_KERNEL[3]=b\nXEN_CMD[2]=x\n";
        var config = ImageBuilderConfig.ParseText(text, "cfg");
        config.Diagnostics.Select(d => d.ToString()).Should().BeEquivalentTo(
        [
            "cfg:3: warning: DOMU_KERNAL is not an ImageBuilder variable and is ignored (check the spelling)",
            "cfg:6: warning: DOMU_KERNEL[3] index 3 is not below NUM_DOMUS=1, so it is ignored",
            "cfg:7: warning: XEN_CMD[2] XEN_CMD is not an array; only XEN_CMD (element 0) is read",
        ]);
    }

    [Theory]
    [InlineData("XEN=xen\nNUM_DOMUS=2\nDOMU_KERNEL[0]=a\n", "cfg:2: error: DOMU_KERNEL[1] is not defined, but NUM_DOMUS=2")]
    [InlineData("NUM_DOMUS=2x\n", "cfg:1: error: NUM_DOMUS '2x' is not a count")]
    [InlineData("MEMORY_END=0x8G\n", "cfg:1: error: MEMORY_END '0x8G' is not a number")]
    [InlineData("A=1\nif true; then B=2; fi\n", "cfg:2: error: 'if' is not followed by '='")]
    [InlineData("A=1\nXEN=`uname`\n", "cfg:2: error: '`' is shell syntax")]
    [InlineData("\n\nXEN=\"open\n", "cfg:3: error: unterminated double quote")]
    [InlineData("XEN=a echo hi\n", "cfg:1: error: 'echo hi' after the assignment of XEN is a command")]
    [InlineData("DOMU_KERNEL=(a b)\n", "cfg:1: error: array assignment DOMU_KERNEL=( … ) is not supported")]
    [InlineData("NUM_DT_OVERLAY=1\n", "cfg:1: error: DT_OVERLAY[0] is not defined, but NUM_DT_OVERLAY=1")]
    [InlineData("XEN=x\nNUM_DOMUS=1\nDOMU_KERNEL[0]=k\nDOMU_STATIC_MEM[0]=\"0x1 0x2 0x3\"\n", "cfg:4: error: DOMU_STATIC_MEM[0] '0x1 0x2 0x3' must be pairs")]
    public void Errors_name_the_variable_and_line(string text, string expected)
    {
        var act = () => ImageBuilderConfig.ParseText(text, "cfg");
        act.Should().Throw<ImageBuilderConfigException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void A_yaml_style_mapping_gives_the_same_config_as_the_file()
    {
        // Given case04's config as a parsed YAML mapping (what YamlDotNet deserialises to)
        var mapping = new Dictionary<string, object?>
        {
            ["memory_start"] = "0x40000000",
            ["MEMORY_END"] = "0xC0000000",
            ["load_cmd"] = "load virtio 0:1",
            ["boot_cmd"] = "booti",
            ["device_tree"] = "virt-gicv3.dtb",
            ["xen"] = "xen-4.18",
            ["dom0_kernel"] = "Image-6.6",
            ["dom0_ramdisk"] = "dom0-initrd.cpio.gz",
            ["dom0_mem"] = 1024,
            ["dom0_vcpus"] = 2,
            ["dom0_viommu"] = 1,
            ["domus"] = new List<object?>
            {
                new Dictionary<object, object?> { ["kernel"] = "Image-6.6", ["ramdisk"] = "domu-initrd.cpio.gz", ["cmd"] = "console=ttyAMA0 earlycon root=/dev/ram0", ["mem"] = 512, ["vcpus"] = 2 },
            },
            ["uboot_source"] = "boot.source",
            ["uboot_script"] = "boot.scr",
        };
        var fromYaml = ImageBuilderConfig.FromMapping(mapping);
        var fromFile = ExampleCase.Load("recorded", "case04_qemu_virt_arm64_virtio").Config();

        // Then every variable reads the same
        fromYaml.NumDomUs.Should().Be(1);
        foreach (var name in ImageBuilderVariables.Scalars)
        {
            fromYaml.Variables.Text(name).Should().Be(fromFile.Variables.Text(name), name);
        }

        fromYaml.DomUs.Should().BeEquivalentTo(fromFile.DomUs);
    }

    [Theory]
    [InlineData("0x10 + 2", 18)]
    [InlineData("010", 8)]
    [InlineData("2#101", 5)]
    [InlineData("1 << 4 | 1", 17)]
    [InlineData("0x8000000 + 0x10000000 >> 10", 0x60000)]
    [InlineData("(3 + 4) * 2 - 10 / 3 % 2", 13)]
    [InlineData("-5 + ~0", -6)]
    [InlineData("FOO * 2", 84)]
    [InlineData("UNSET + 1", 1)]
    [InlineData("", 0)]
    public void Arithmetic_follows_bash(string expression, long expected) =>
        ShellArithmetic.Evaluate(expression, n => n == "FOO" ? "40 + 2" : null).Should().Be(expected);
}
