namespace Hyperbake.Toolchains.Host;

/// <summary>Which Debian package provides a host tool, so a missing tool is reported with the fix.</summary>
public static class HostToolPackages
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["dtc"] = "device-tree-compiler",
        ["fdtdump"] = "device-tree-compiler",
        ["cpp"] = "cpp",
        ["gcc"] = "gcc",
        ["make"] = "make",
        ["bc"] = "bc",
        ["bison"] = "bison",
        ["flex"] = "flex",
        ["perl"] = "perl",
        ["python3"] = "python3",
        ["openssl"] = "openssl",
        ["pahole"] = "dwarves",
        ["ld"] = "binutils",
        ["objcopy"] = "binutils",
        ["aarch64-linux-gnu-gcc"] = "gcc-aarch64-linux-gnu",
        ["aarch64-linux-gnu-ld"] = "binutils-aarch64-linux-gnu",
        ["aarch64-linux-gnu-objcopy"] = "binutils-aarch64-linux-gnu",
        ["riscv64-linux-gnu-gcc"] = "gcc-riscv64-linux-gnu",
        ["riscv64-linux-gnu-ld"] = "binutils-riscv64-linux-gnu",
        ["x86_64-linux-gnu-gcc"] = "gcc-x86-64-linux-gnu",
        ["mkimage"] = "u-boot-tools",
        ["dumpimage"] = "u-boot-tools",
        ["xz"] = "xz-utils",
        ["zstd"] = "zstd",
        ["gzip"] = "gzip",
        ["cpio"] = "cpio",
        ["depmod"] = "kmod",
        ["tar"] = "tar",
        ["git"] = "git",
        ["sh"] = "dash",
        ["bash"] = "bash",
        ["mmdebstrap"] = "mmdebstrap",
        ["debootstrap"] = "debootstrap",
        ["getent"] = "libc-bin",
    };

    /// <summary>The Debian package providing <paramref name="tool"/>, or null when the table does not know it.</summary>
    public static string? PackageFor(string tool) => Packages.GetValueOrDefault(Path.GetFileName(tool));
}
