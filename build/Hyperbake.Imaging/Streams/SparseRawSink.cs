namespace Hyperbake.Imaging.Streams;

/// <summary>
/// A raw disk image written as a sparse file: all-zero blocks are never written and the
/// length is set at the end, so unused space costs nothing on disk.
/// </summary>
public sealed class SparseRawSink : IRandomAccessDiskImageSink
{
    private readonly FileStream file;
    private readonly bool ownsFile;
    private long end;

    public SparseRawSink(FileStream file, long capacity, bool ownsFile = true)
    {
        this.file = file;
        this.ownsFile = ownsFile;
        Capacity = capacity;

        // A file that already held data would leak old bytes into the holes.
        file.SetLength(0);
    }

    public long Capacity { get; }

    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        if (offset < end)
        {
            throw new InvalidOperationException($"Disk writes must move forward: a write at {offset} follows one that ended at {end}.");
        }

        if (offset + data.Length > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"A write at {offset} of {data.Length} bytes passes the disk capacity {Capacity}.");
        }

        SparseFileWriter.Write(file, offset, data);
        end = offset + data.Length;
    }

    public Stream OpenWindow(long offset, long length)
    {
        if (offset < end || offset + length > Capacity)
        {
            throw new InvalidOperationException($"The window [{offset}, {offset + length}) overlaps bytes already written or passes the capacity {Capacity}.");
        }

        end = offset + length;
        return new SparseWindowStream(file, offset, length);
    }

    public void Complete()
    {
        file.SetLength(Capacity);
        file.Flush();
    }

    public void Dispose()
    {
        if (ownsFile)
        {
            file.Dispose();
        }
    }
}
