using Hyperbake.Model.Platforms;

namespace Hyperbake.Model.Knobs;

/// <summary>
/// The knobs of one build, validated against each other. The rootfs version is computed on first use
/// (it may ask git), so commands that never need it stay fast.
/// </summary>
public sealed class KnobSet
{
    private readonly Lazy<KnobValue> _rootfsVersion;

    internal KnobSet(KnobValue arch, KnobValue hypervisor, PlatformDefinition platform, KnobValue platformValue, Lazy<KnobValue> rootfsVersion, KnobValue rootfsFormat, KnobValue imgFormat, IReadOnlyList<string> imgFormats)
    {
        ArchValue = arch;
        HypervisorValue = hypervisor;
        Platform = platform;
        PlatformValue = platformValue;
        _rootfsVersion = rootfsVersion;
        RootfsFormatValue = rootfsFormat;
        ImgFormatValue = imgFormat;
        ImgFormats = imgFormats;
    }

    public string Arch => ArchValue.Value;

    public string Hypervisor => HypervisorValue.Value;

    public PlatformDefinition Platform { get; }

    public string RootfsVersion => RootfsVersionValue.Value;

    public string RootfsFormat => RootfsFormatValue.Value;

    /// <summary>The live disk formats <c>LiveImage</c> writes, in the order named; <c>all</c> expanded.</summary>
    public IReadOnlyList<string> ImgFormats { get; }

    public KnobValue ArchValue { get; }

    public KnobValue HypervisorValue { get; }

    public KnobValue PlatformValue { get; }

    public KnobValue RootfsVersionValue => _rootfsVersion.Value;

    public KnobValue RootfsFormatValue { get; }

    public KnobValue ImgFormatValue { get; }

    /// <summary>The output folder below dist/: <c>&lt;arch&gt;/&lt;version&gt;</c>.</summary>
    public string DistSubdirectory => Arch + "/" + RootfsVersion;
}
