namespace Hyperbake.Imaging.VirtualDisks.Vhdx;

/// <summary>VHDX writer settings.</summary>
public sealed record VhdxOptions
{
    /// <summary>
    /// The payload block size: a power of two from 1 MiB to 256 MiB. A block holding any non-zero
    /// byte is stored whole, so small blocks keep sparse disks small. Default 1 MiB.
    /// </summary>
    public int BlockSize { get; init; } = 1024 * 1024;

    /// <summary>The logical sector size, 512 (default; what most consumers expect) or 4096.</summary>
    public int LogicalSectorSize { get; init; } = 512;

    /// <summary>The physical sector size reported to guests, 512 or 4096 (default).</summary>
    public int PhysicalSectorSize { get; init; } = 4096;
}
