using System.Collections;
using System.Globalization;

namespace Hyperbake.Boot.ImageBuilder.Config;

/// <summary>
/// An ImageBuilder config (the file <c>uboot-script-gen -c</c> sources), read without bash.
/// Scalars are exposed as their text (empty = unset), arrays as typed lists bounded by their
/// count variable. Warnings (unknown variables, elements past a count) are in
/// <see cref="Diagnostics"/>; errors make <see cref="Parse"/> throw.
/// </summary>
public sealed class ImageBuilderConfig
{
    private ImageBuilderConfig(ShellVariables variables, string origin)
    {
        Variables = variables;
        Origin = origin;
    }

    public ShellVariables Variables { get; }

    /// <summary>The config file path (or "yaml", …) used in messages.</summary>
    public string Origin { get; }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; private set; } = [];

    public string MemoryStart => S("MEMORY_START");

    public string MemoryEnd => S("MEMORY_END");

    public string LoadCmd => S("LOAD_CMD");

    public string BootCmd => S("BOOT_CMD");

    public string DeviceTree => S("DEVICE_TREE");

    public string Xen => S("XEN");

    public string XenCmd => S("XEN_CMD");

    public string XenColors => S("XEN_COLORS");

    public string UbootSource => S("UBOOT_SOURCE");

    public string UbootScript => S("UBOOT_SCRIPT");

    public string AppendExtraCmds => S("APPEND_EXTRA_CMDS");

    public string FdtEdit => S("FDTEDIT");

    public string Fit => S("FIT");

    public string FitEncKeyDir => S("FIT_ENC_KEY_DIR");

    public string FitEncUbDtb => S("FIT_ENC_UB_DTB");

    public string Bitstream => S("BITSTREAM");

    public string PassthroughDtsRepo => S("PASSTHROUGH_DTS_REPO");

    public string LopperPath => S("LOPPER_PATH");

    public string LopperCmd => S("LOPPER_CMD");

    public string Dom0Kernel => S("DOM0_KERNEL");

    public string Dom0Ramdisk => S("DOM0_RAMDISK");

    public string Dom0Cmd => S("DOM0_CMD");

    public string Dom0Mem => S("DOM0_MEM");

    public string Dom0Vcpus => S("DOM0_VCPUS");

    public string Dom0Colors => S("DOM0_COLORS");

    public string Dom0Viommu => S("DOM0_VIOMMU");

    public string Dom0Rootfs => S("DOM0_ROOTFS");

    public string Linux => S("LINUX");

    public string LinuxRamdisk => S("LINUX_RAMDISK");

    public string LinuxCmd => S("LINUX_CMD");

    public string LinuxRootfs => S("LINUX_ROOTFS");

    public string Gpt => S("GPT");

    /// <summary>NUM_DOMUS (0 when unset).</summary>
    public int NumDomUs { get; private set; }

    public int NumDtOverlays { get; private set; }

    public int NumCpupools { get; private set; }

    public int NumBootAuxFiles { get; private set; }

    public IReadOnlyList<DomUConfig> DomUs { get; private set; } = [];

    public IReadOnlyList<string> DtOverlays { get; private set; } = [];

    /// <summary>CPUPOOL[j]: "cpu@a,cpu@b [scheduler]".</summary>
    public IReadOnlyList<string> Cpupools { get; private set; } = [];

    public IReadOnlyList<string> BootAuxFiles { get; private set; } = [];

    /// <summary>Reads a config file. <paramref name="environment"/> answers $NAME for names the file does not set.</summary>
    public static ImageBuilderConfig Parse(string path, Func<string, string?>? environment = null) =>
        ParseText(File.ReadAllText(path), path, environment);

    public static ImageBuilderConfig ParseText(string text, string origin, Func<string, string?>? environment = null) =>
        FromVariables(ShellConfigReader.Read(text, origin, environment), origin);

    public static ImageBuilderConfig FromVariables(ShellVariables variables, string origin)
    {
        var config = new ImageBuilderConfig(variables, origin);
        config.Load();
        return config;
    }

    /// <summary>
    /// Builds a config from a parsed YAML (or JSON) mapping. Keys are the ImageBuilder variable
    /// names in any case (<c>xen</c>, <c>DOM0_KERNEL</c>); a list value sets an array
    /// (<c>dt_overlay: [a.dtbo]</c>); <c>domus</c> is a list of mappings whose keys are the
    /// DOMU_ names without the prefix (<c>kernel</c>, <c>ramdisk</c>, <c>mem</c> …). Count variables
    /// default to the list lengths.
    /// </summary>
    public static ImageBuilderConfig FromMapping(IEnumerable<KeyValuePair<string, object?>> mapping, string origin = "recipe")
    {
        var variables = new ShellVariables();
        var src = new ConfigSource(origin, 0);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rawKey, value) in mapping)
        {
            var key = rawKey.ToUpperInvariant().Replace('-', '_');
            if (key == "DOMUS")
            {
                var list = AsList(value, key, origin);
                for (var i = 0; i < list.Count; i++)
                {
                    foreach (var (k, v) in AsMapping(list[i], $"domus[{i}]", origin))
                    {
                        var name = "DOMU_" + k.ToUpperInvariant().Replace('-', '_');
                        variables.Set(name, i, new ShellValue(Scalar(v, $"domus[{i}].{k}", origin), new ConfigSource($"{origin} domus[{i}].{k}", 0)));
                    }
                }

                counts["NUM_DOMUS"] = list.Count;
            }
            else if (value is IList or IEnumerable<object?> && value is not string)
            {
                var list = AsList(value, key, origin);
                for (var i = 0; i < list.Count; i++)
                {
                    variables.Set(key, i, new ShellValue(Scalar(list[i], $"{key}[{i}]", origin), src));
                }

                if (ImageBuilderVariables.CountedArrays.TryGetValue(key, out var countName))
                {
                    counts[countName] = list.Count;
                }
            }
            else
            {
                variables.Set(key, 0, new ShellValue(Scalar(value, key, origin), new ConfigSource($"{origin} {rawKey}", 0)));
            }
        }

        foreach (var (name, count) in counts)
        {
            if (variables.Get(name) is null)
            {
                variables.Set(name, 0, new ShellValue(count.ToString(CultureInfo.InvariantCulture), src));
            }
        }

        return FromVariables(variables, origin);
    }

    /// <summary>Where a variable was set, for messages ("config:12").</summary>
    public ConfigSource? SourceOf(string name, int index = 0) => Variables.Get(name, index)?.Source;

    private string S(string name) => Variables.Text(name);

    private void Load()
    {
        var diagnostics = new List<ConfigDiagnostic>();
        NumDomUs = Count("NUM_DOMUS", diagnostics);
        NumDtOverlays = Count("NUM_DT_OVERLAY", diagnostics);
        NumCpupools = Count("NUM_CPUPOOLS", diagnostics);
        NumBootAuxFiles = Count("NUM_BOOT_AUX_FILE", diagnostics);

        foreach (var name in Variables.Names.Order(StringComparer.Ordinal))
        {
            var elements = Variables.Elements(name);
            var first = elements.Values.First().Source;
            if (!ImageBuilderVariables.IsKnown(name))
            {
                if (!Variables.Referenced.Contains(name))
                {
                    diagnostics.Add(new(ConfigSeverity.Warning, name, first, "is not an ImageBuilder variable and is ignored (check the spelling)"));
                }

                continue;
            }

            var bound = ImageBuilderVariables.Scalars.Contains(name) ? 1
                : ImageBuilderVariables.DomUArrays.Contains(name) ? NumDomUs
                : ImageBuilderVariables.CountedArrays[name] switch
                {
                    "NUM_DT_OVERLAY" => NumDtOverlays,
                    "NUM_CPUPOOLS" => NumCpupools,
                    _ => NumBootAuxFiles,
                };
            foreach (var (index, value) in elements)
            {
                if (index >= bound && !(name == "DOMU_VUART_PL011" && index == 0))
                {
                    var why = ImageBuilderVariables.Scalars.Contains(name)
                        ? $"{name} is not an array; only {name} (element 0) is read"
                        : $"index {index} is not below {CountNameOf(name)}={bound}, so it is ignored";
                    diagnostics.Add(new(ConfigSeverity.Warning, $"{name}[{index}]", value.Source, why));
                }
            }
        }

        DomUs = Enumerable.Range(0, NumDomUs).Select(i => new DomUConfig(i)
        {
            Kernel = Variables.Text("DOMU_KERNEL", i),
            Ramdisk = Variables.Text("DOMU_RAMDISK", i),
            Cmd = Variables.Text("DOMU_CMD", i),
            Mem = Variables.Text("DOMU_MEM", i),
            Vcpus = Variables.Text("DOMU_VCPUS", i),
            PassthroughDtb = Variables.Text("DOMU_PASSTHROUGH_DTB", i),
            PassthroughPaths = Variables.Text("DOMU_PASSTHROUGH_PATHS", i),
            NoBoot = Variables.Text("DOMU_NOBOOT", i),
            Rootfs = Variables.Text("DOMU_ROOTFS", i),
            Colors = Variables.Text("DOMU_COLORS", i),
            StaticMem = Variables.Text("DOMU_STATIC_MEM", i),
            DirectMap = Variables.Text("DOMU_DIRECT_MAP", i),
            Enhanced = Variables.Text("DOMU_ENHANCED", i),
            Viommu = Variables.Text("DOMU_VIOMMU", i),
            Cpupool = Variables.Text("DOMU_CPUPOOL", i),
            VuartPl011 = Variables.Text("DOMU_VUART_PL011", i),
            DriverDomain = Variables.Text("DOMU_DRIVER_DOMAIN", i),
        }).ToList();
        DtOverlays = Enumerable.Range(0, NumDtOverlays).Select(i => Variables.Text("DT_OVERLAY", i)).ToList();
        Cpupools = Enumerable.Range(0, NumCpupools).Select(i => Variables.Text("CPUPOOL", i)).ToList();
        BootAuxFiles = Enumerable.Range(0, NumBootAuxFiles).Select(i => Variables.Text("BOOT_AUX_FILE", i)).ToList();

        // Inconsistencies ImageBuilder stops on (or would mis-handle).
        var countSource = SourceOf("NUM_DOMUS");
        if (Xen.Length > 0)
        {
            foreach (var d in DomUs.Where(d => !d.IsSkipped && d.Kernel.Length == 0))
            {
                diagnostics.Add(new(ConfigSeverity.Error, $"DOMU_KERNEL[{d.Index}]", countSource,
                    $"is not defined, but NUM_DOMUS={NumDomUs} asks for DomU {d.Index}; set DOMU_KERNEL[{d.Index}] (or DOMU_NOBOOT[{d.Index}]) or lower NUM_DOMUS"));
            }
        }

        for (var i = 0; i < NumDtOverlays; i++)
        {
            if (DtOverlays[i].Length == 0)
            {
                diagnostics.Add(new(ConfigSeverity.Error, $"DT_OVERLAY[{i}]", SourceOf("NUM_DT_OVERLAY"),
                    $"is not defined, but NUM_DT_OVERLAY={NumDtOverlays}; set it or lower NUM_DT_OVERLAY"));
            }
        }

        for (var i = 0; i < NumCpupools; i++)
        {
            if (Cpupools[i].Trim().Length == 0)
            {
                diagnostics.Add(new(ConfigSeverity.Warning, $"CPUPOOL[{i}]", SourceOf("NUM_CPUPOOLS"),
                    $"is not defined, but NUM_CPUPOOLS={NumCpupools}; the pool will have no CPUs"));
            }
        }

        CheckArithmetic("MEMORY_START", MemoryStart, diagnostics);
        CheckArithmetic("MEMORY_END", MemoryEnd, diagnostics);
        foreach (var d in DomUs)
        {
            CheckArithmetic($"DOMU_MEM[{d.Index}]", d.Mem, diagnostics, SourceOf("DOMU_MEM", d.Index));
            foreach (var word in d.StaticMem.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                CheckArithmetic($"DOMU_STATIC_MEM[{d.Index}]", word, diagnostics, SourceOf("DOMU_STATIC_MEM", d.Index));
            }

            if (d.StaticMem.Length > 0 && d.StaticMem.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length % 2 != 0)
            {
                diagnostics.Add(new(ConfigSeverity.Error, $"DOMU_STATIC_MEM[{d.Index}]", SourceOf("DOMU_STATIC_MEM", d.Index),
                    $"'{d.StaticMem}' must be pairs of \"base size\""));
            }
        }

        Diagnostics = diagnostics;
        var errors = diagnostics.Where(d => d.Severity == ConfigSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ImageBuilderConfigException(errors);
        }
    }

    private void CheckArithmetic(string name, string text, List<ConfigDiagnostic> diagnostics, ConfigSource? source = null)
    {
        if (text.Length > 0 && !ShellArithmetic.TryEvaluate(text, n => Variables.Get(n)?.Text, out _))
        {
            diagnostics.Add(new(ConfigSeverity.Error, name, source ?? SourceOf(name), $"'{text}' is not a number (bash arithmetic: decimal, 0x hex or an expression)"));
        }
    }

    private int Count(string name, List<ConfigDiagnostic> diagnostics)
    {
        var text = S(name);
        if (text.Length == 0)
        {
            return 0;
        }

        if (!ShellArithmetic.TryEvaluate(text, n => Variables.Get(n)?.Text, out var v) || v < 0 || v > 4096)
        {
            diagnostics.Add(new(ConfigSeverity.Error, name, SourceOf(name), $"'{text}' is not a count (a whole number from 0 to 4096)"));
            return 0;
        }

        return (int)v;
    }

    private static string CountNameOf(string arrayName) =>
        ImageBuilderVariables.CountedArrays.TryGetValue(arrayName, out var c) ? c : "NUM_DOMUS";

    private static List<object?> AsList(object? value, string key, string origin) => value switch
    {
        IEnumerable<object?> e when value is not string => e.ToList(),
        IList l => l.Cast<object?>().ToList(),
        _ => throw new ImageBuilderConfigException([new(ConfigSeverity.Error, key, new ConfigSource(origin, 0), "must be a list")]),
    };

    private static IEnumerable<KeyValuePair<string, object?>> AsMapping(object? value, string key, string origin) => value switch
    {
        IEnumerable<KeyValuePair<string, object?>> m => m,
        IDictionary d => d.Keys.Cast<object>().Select(k => new KeyValuePair<string, object?>(k.ToString()!, d[k])),
        _ => throw new ImageBuilderConfigException([new(ConfigSeverity.Error, key, new ConfigSource(origin, 0), "must be a mapping")]),
    };

    private static string Scalar(object? value, string key, string origin) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "1" : string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ImageBuilderConfigException([new(ConfigSeverity.Error, key, new ConfigSource(origin, 0), $"must be a plain value, not {value.GetType().Name}")]),
    };
}
