namespace Hyperbake.Toolchains.Kernel;

/// <summary>How a Debian architecture name maps to Kbuild: ARCH, the cross compiler prefix and the image target.</summary>
public sealed record KernelArchitecture(string Debian, string KbuildArch, string CrossCompile, string ImageTarget, string ImagePath, bool HasDeviceTrees)
{
    public static KernelArchitecture For(string debianArchitecture) => debianArchitecture switch
    {
        "amd64" => new("amd64", "x86", "x86_64-linux-gnu-", "bzImage", "arch/x86/boot/bzImage", false),
        "arm64" => new("arm64", "arm64", "aarch64-linux-gnu-", "Image", "arch/arm64/boot/Image", true),
        "riscv64" => new("riscv64", "riscv", "riscv64-linux-gnu-", "Image", "arch/riscv/boot/Image", true),
        _ => throw new ArgumentException($"Kernel architecture '{debianArchitecture}' is not supported; use amd64, arm64 or riscv64."),
    };
}
