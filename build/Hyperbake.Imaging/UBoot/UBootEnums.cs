namespace Hyperbake.Imaging.UBoot;

/// <summary>Operating system codes (<c>IH_OS_*</c> in U-Boot's include/image.h).</summary>
public enum UBootOs : byte
{
    Invalid = 0,
    OpenBsd = 1,
    NetBsd = 2,
    FreeBsd = 3,
    Linux = 5,
    VxWorks = 14,
    Qnx = 16,
    UBoot = 17,
    Rtems = 18,
    ArmTrustedFirmware = 25,
    Tee = 26,
    OpenSbi = 27,
    Efi = 28,
}

/// <summary>CPU architecture codes (<c>IH_ARCH_*</c>).</summary>
public enum UBootArchitecture : byte
{
    Invalid = 0,
    Arm = 2,
    I386 = 3,
    Mips = 5,
    Mips64 = 6,
    PowerPC = 7,
    Sandbox = 19,
    Arm64 = 22,
    X86_64 = 24,
    RiscV = 26,
}

/// <summary>Image type codes (<c>IH_TYPE_*</c>).</summary>
public enum UBootImageType : byte
{
    Invalid = 0,
    Standalone = 1,
    Kernel = 2,
    Ramdisk = 3,
    Multi = 4,
    Firmware = 5,
    Script = 6,
    Filesystem = 7,
    FlatDeviceTree = 8,
    KernelNoLoad = 14,
}

/// <summary>Compression codes (<c>IH_COMP_*</c>).</summary>
public enum UBootCompression : byte
{
    None = 0,
    Gzip = 1,
    Bzip2 = 2,
    Lzma = 3,
    Lzo = 4,
    Lz4 = 5,
    Zstd = 6,
}

/// <summary>The names FIT images and <c>mkimage -A/-O/-T/-C</c> use for the codes.</summary>
public static class UBootNames
{
    public static string Of(UBootOs os) => os switch
    {
        UBootOs.Linux => "linux",
        UBootOs.UBoot => "u-boot",
        UBootOs.Efi => "efi",
        UBootOs.ArmTrustedFirmware => "arm-trusted-firmware",
        UBootOs.Tee => "tee",
        UBootOs.OpenSbi => "opensbi",
        UBootOs.Qnx => "qnx",
        UBootOs.VxWorks => "vxworks",
        UBootOs.Rtems => "rtems",
        UBootOs.OpenBsd => "openbsd",
        UBootOs.NetBsd => "netbsd",
        UBootOs.FreeBsd => "freebsd",
        _ => "invalid",
    };

    public static string Of(UBootArchitecture arch) => arch switch
    {
        UBootArchitecture.Arm => "arm",
        UBootArchitecture.Arm64 => "arm64",
        UBootArchitecture.I386 => "x86",
        UBootArchitecture.X86_64 => "x86_64",
        UBootArchitecture.Mips => "mips",
        UBootArchitecture.Mips64 => "mips64",
        UBootArchitecture.PowerPC => "powerpc",
        UBootArchitecture.RiscV => "riscv",
        UBootArchitecture.Sandbox => "sandbox",
        _ => "invalid",
    };

    public static string Of(UBootImageType type) => type switch
    {
        UBootImageType.Standalone => "standalone",
        UBootImageType.Kernel => "kernel",
        UBootImageType.Ramdisk => "ramdisk",
        UBootImageType.Multi => "multi",
        UBootImageType.Firmware => "firmware",
        UBootImageType.Script => "script",
        UBootImageType.Filesystem => "filesystem",
        UBootImageType.FlatDeviceTree => "flat_dt",
        UBootImageType.KernelNoLoad => "kernel_noload",
        _ => "invalid",
    };

    public static string Of(UBootCompression compression) => compression switch
    {
        UBootCompression.None => "none",
        UBootCompression.Gzip => "gzip",
        UBootCompression.Bzip2 => "bzip2",
        UBootCompression.Lzma => "lzma",
        UBootCompression.Lzo => "lzo",
        UBootCompression.Lz4 => "lz4",
        UBootCompression.Zstd => "zstd",
        _ => "invalid",
    };
}
