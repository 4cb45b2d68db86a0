using System.IO.Compression;

namespace Hyperbake.Imaging.Archives.Cpio;

/// <summary>How a file tree is written as a newc cpio archive.</summary>
public sealed record CpioWriteOptions
{
    /// <summary>Compress with gzip (deterministic header), as initramfs images usually are.</summary>
    public bool Gzip { get; init; }

    public CompressionLevel GzipLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>Write the root directory as "." (its mode, owner and time), as <c>find . | cpio -o</c> does.</summary>
    public bool IncludeRoot { get; init; } = true;
}
