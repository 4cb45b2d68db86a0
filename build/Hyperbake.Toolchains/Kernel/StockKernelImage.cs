using Hyperbake.Imaging.Trees;

namespace Hyperbake.Toolchains.Kernel;

/// <summary>A kernel taken from a Debian linux-image package.</summary>
/// <param name="Version">The kernel release (<c>uname -r</c>), e.g. <c>6.1.0-50-amd64</c>.</param>
/// <param name="KernelPath">Where the image sits in the package (<c>boot/vmlinuz-&lt;version&gt;</c>).</param>
/// <param name="Kernel">The kernel image bytes (bzImage on amd64, EFI-stub Image.gz-style vmlinuz on arm64).</param>
/// <param name="Modules">A tree holding only <c>lib/modules/&lt;version&gt;/…</c> (or <c>usr/lib/modules</c> on newer suites), ready to overlay onto a rootfs.</param>
/// <param name="Config">The kernel's build configuration (<c>boot/config-&lt;version&gt;</c>), when the package has it.</param>
/// <param name="Package">The pinned package it came from.</param>
public sealed record StockKernelImage(
    string Version,
    string KernelPath,
    IContentSource Kernel,
    FileTree Modules,
    IContentSource? Config,
    Debian.LockedPackage Package);
