namespace Hyperbake.Model.Knobs;

/// <summary>
/// One knob's three spellings: the option (<c>--arch</c>), the environment variable (<c>ZARCH</c>) and
/// the configuration key (<c>Knobs_Arch</c> in cake.config).
/// </summary>
public sealed record Knob(string Option, string EnvironmentVariable, string ConfigurationKey)
{
    public static Knob Arch { get; } = new("arch", "ZARCH", "Knobs_Arch");

    public static Knob Hypervisor { get; } = new("hv", "HV", "Knobs_Hv");

    public static Knob Platform { get; } = new("platform", "PLATFORM", "Knobs_Platform");

    public static Knob RootfsVersion { get; } = new("rootfs-version", "ROOTFS_VERSION", "Knobs_RootfsVersion");

    public static Knob RootfsFormat { get; } = new("rootfs-format", "ROOTFS_FORMAT", "Knobs_RootfsFormat");

    public static Knob ImgFormat { get; } = new("img-format", "IMG_FORMAT", "Knobs_ImgFormat");

    public static IReadOnlyList<Knob> All { get; } = [Arch, Hypervisor, Platform, RootfsVersion, RootfsFormat, ImgFormat];
}
