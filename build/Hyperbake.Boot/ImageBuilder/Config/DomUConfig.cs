namespace Hyperbake.Boot.ImageBuilder.Config;

/// <summary>
/// One dom0less guest (<c>DOMU_*[i]</c>). Values are the config text, because ImageBuilder
/// pastes several of them verbatim into the script (<c>cpus &lt;0x2&gt;</c> stays as written);
/// empty means unset, as for bash.
/// </summary>
public sealed record DomUConfig(int Index)
{
    public string Kernel { get; init; } = string.Empty;

    public string Ramdisk { get; init; } = string.Empty;

    public string Cmd { get; init; } = string.Empty;

    /// <summary>Memory in MB (bash arithmetic text).</summary>
    public string Mem { get; init; } = string.Empty;

    public string Vcpus { get; init; } = string.Empty;

    public string PassthroughDtb { get; init; } = string.Empty;

    /// <summary>Whitespace-separated host device tree paths given to the guest.</summary>
    public string PassthroughPaths { get; init; } = string.Empty;

    public string NoBoot { get; init; } = string.Empty;

    public string Rootfs { get; init; } = string.Empty;

    /// <summary>Cache colours "A-B" or "N".</summary>
    public string Colors { get; init; } = string.Empty;

    /// <summary>"base1 size1 base2 size2 …".</summary>
    public string StaticMem { get; init; } = string.Empty;

    public string DirectMap { get; init; } = string.Empty;

    public string Enhanced { get; init; } = string.Empty;

    public string Viommu { get; init; } = string.Empty;

    public string Cpupool { get; init; } = string.Empty;

    public string VuartPl011 { get; init; } = string.Empty;

    public string DriverDomain { get; init; } = string.Empty;

    /// <summary>ImageBuilder does not boot this guest at startup (DOMU_NOBOOT or DOMU_ROOTFS set).</summary>
    public bool IsSkipped => NoBoot.Length > 0 || Rootfs.Length > 0;
}
