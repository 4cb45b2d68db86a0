using System.IO.Compression;

namespace Hyperbake.Imaging.VirtualDisks.Qcow2;

/// <summary>qcow2 writer settings.</summary>
public sealed record Qcow2Options
{
    /// <summary>The cluster size in bytes: a power of two from 512 B to 2 MiB. Default 64 KiB, as qemu.</summary>
    public int ClusterSize { get; init; } = 64 * 1024;

    /// <summary>Stores clusters deflate-compressed when that saves space (like <c>qemu-img convert -c</c>).</summary>
    public bool Compress { get; init; }

    /// <summary>The deflate level for compressed clusters.</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Optimal;
}
