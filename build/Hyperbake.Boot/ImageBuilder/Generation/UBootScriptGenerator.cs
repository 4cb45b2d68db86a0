using Hyperbake.Boot.ImageBuilder.Config;

namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>
/// Reproduces ImageBuilder's <c>uboot-script-gen -c CONFIG -d DIR [-t CMD] [-o NAME] [-f] [-p PATH]</c>
/// (Xilinx/imagebuilder xlnx_rel_v2023.2): the same load addresses, the same boot.source
/// bytes, boot.scr as mkimage makes it (timestamp from SOURCE_DATE_EPOCH), FIT mode with its
/// .its and .fit, and xen.ub for bootm. Where ImageBuilder prints an error, this throws an
/// <see cref="ImageBuilderException"/> and writes nothing.
/// </summary>
public static class UBootScriptGenerator
{
    /// <summary>ImageBuilder's 2 MiB slot alignment (its <c>offset</c>).</summary>
    public const long Alignment = 0x200000;

    /// <summary>No file is placed below 12 MiB.</summary>
    public const long LowestScriptAddress = 0xC00000;

    /// <summary>Computes everything and returns it without touching the disk.</summary>
    public static UBootScriptResult Plan(ImageBuilderConfig config, UBootScriptOptions options) =>
        new ScriptRun(config, options).Execute();

    /// <summary>Plans, then writes every output atomically into <see cref="UBootScriptOptions.Directory"/>.</summary>
    public static UBootScriptResult Generate(ImageBuilderConfig config, UBootScriptOptions options)
    {
        var result = Plan(config, options);
        var written = OutputCommit.Write(options.Directory, result.Files, result.Removals);
        return result with { FilesWritten = written };
    }

    /// <summary>Parses the config file and generates (the <c>-c FILE</c> form).</summary>
    public static UBootScriptResult Generate(string configPath, UBootScriptOptions options) =>
        Generate(ImageBuilderConfig.Parse(configPath), options);
}
