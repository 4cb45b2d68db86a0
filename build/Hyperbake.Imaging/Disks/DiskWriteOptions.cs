using Hyperbake.Imaging.VirtualDisks.Qcow2;
using Hyperbake.Imaging.VirtualDisks.Vhdx;

namespace Hyperbake.Imaging.Disks;

/// <summary>How <see cref="DiskWriter"/> writes a plan; the defaults suit every format.</summary>
public sealed record DiskWriteOptions
{
    public static readonly DiskWriteOptions Default = new();

    /// <summary>qcow2 settings (cluster size, compression).</summary>
    public Qcow2Options Qcow2 { get; init; } = new();

    /// <summary>VHDX settings (block size).</summary>
    public VhdxOptions Vhdx { get; init; } = new();

    /// <summary>
    /// Where a filesystem builder writes its partition first when the output is a container
    /// (qcow2, VHDX …) rather than a sparse raw file. Null = next to the output file.
    /// </summary>
    public string? TemporaryDirectory { get; init; }
}
