using System.Runtime.InteropServices;

namespace Hyperbake.Model.Knobs;

/// <summary>The values each knob accepts (EVE's names), the first being the default.</summary>
public static class KnobValues
{
    public const string Amd64 = "amd64";
    public const string Arm64 = "arm64";
    public const string Riscv64 = "riscv64";

    public const string Kvm = "kvm";
    public const string Xen = "xen";
    public const string L4re = "l4re";
    public const string Sel4 = "sel4";
    public const string NoHypervisor = "none";

    public const string GenericPlatform = "generic";

    public const string Squashfs = "squashfs";
    public const string Ext4 = "ext4";

    public const string AllImgFormats = "all";

    public static IReadOnlyList<string> Arches { get; } = [Amd64, Arm64, Riscv64];

    public static IReadOnlyList<string> Hypervisors { get; } = [Kvm, Xen, L4re, Sel4, NoHypervisor];

    public static IReadOnlyList<string> RootfsFormats { get; } = [Squashfs, Ext4];

    /// <summary>The live disk formats (EVE's IMG_FORMAT); qcow2, EVE's default, first.</summary>
    public static IReadOnlyList<string> ImgFormats { get; } = ["qcow2", "raw", "vdi", "vhdx", "vmdk", "gcp"];

    /// <summary>The arch of this machine in EVE's spelling (x86_64 is amd64, aarch64 is arm64).</summary>
    public static string HostArch => RuntimeInformation.OSArchitecture switch
    {
        Architecture.Arm64 => Arm64,
        Architecture.RiscV64 => Riscv64,
        _ => Amd64,
    };
}
