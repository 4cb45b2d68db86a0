using Hyperbake.Boot.ImageBuilder.Config;
using Hyperbake.Boot.Xen;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.Xen;

/// <summary>A config made from YAML is written as bash that both our reader and bash read back to the same variables.</summary>
public sealed class ImageBuilderConfigTextTests
{
    private static readonly KeyValuePair<string, object?>[] Mapping =
    [
        new("MEMORY_START", "0x40000000"),
        new("xen_cmd", "console=dtuart dtuart=/pl011@9000000 \"quoted\" $HOME `x` back\\slash"),
        new("DEVICE_TREE", "virt.dtb"),
        new("domus", new List<object?>
        {
            new List<KeyValuePair<string, object?>> { new("kernel", "Image"), new("mem", "256"), new("enhanced", "0") },
            new List<KeyValuePair<string, object?>> { new("kernel", "Image2"), new("noboot", "1") },
        }),
    ];

    [Fact]
    public void Rendered_config_reads_back_to_the_same_variables()
    {
        var config = ImageBuilderConfig.FromMapping(Mapping, "test");

        var text = ImageBuilderConfigText.Render(config, "heading");
        var back = ImageBuilderConfig.ParseText(text, "rendered");

        text.Should().StartWith("# heading\n").And.Contain("NUM_DOMUS=2\nDOMU_KERNEL[0]=\"Image\"\n");
        back.XenCmd.Should().Be(config.XenCmd);
        back.NumDomUs.Should().Be(2);
        back.DomUs[0].Mem.Should().Be("256");
        back.DomUs[0].Enhanced.Should().Be("0");
        back.DomUs[1].NoBoot.Should().Be("1");
    }

    [Fact]
    public void Bash_sources_the_rendered_config_to_the_same_values()
    {
        using var dir = new TempDirectory();
        var config = ImageBuilderConfig.FromMapping(Mapping, "test");
        File.WriteAllText(dir["config"], ImageBuilderConfigText.Render(config));

        var r = ExternalTool.Run("bash", "-c", $"source '{dir["config"]}'; printf '%s\\n' \"$XEN_CMD\" \"${{DOMU_KERNEL[1]}}\" \"$NUM_DOMUS\"");

        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Be(config.XenCmd + "\nImage2\n2\n");
    }
}
