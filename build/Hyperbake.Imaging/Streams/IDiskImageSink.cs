namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Receives a virtual disk's bytes in one forward pass: every write starts at or after the end
/// of the previous one, and whatever lies between writes is zero. Each output format (sparse
/// raw, qcow2, VHDX, VDI, VMDK) implements it, so a disk is streamed once into any of them
/// without a full raw image first.
/// </summary>
public interface IDiskImageSink : IDisposable
{
    /// <summary>The virtual disk size in bytes.</summary>
    long Capacity { get; }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> (never before the previous write's end).</summary>
    void Write(long offset, ReadOnlySpan<byte> data);

    /// <summary>Writes the metadata that can only be known at the end and flushes the output.</summary>
    void Complete();
}
