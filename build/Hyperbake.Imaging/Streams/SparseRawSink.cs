namespace Hyperbake.Imaging.Streams;

/// <summary>
/// A raw disk image written as a sparse file: all-zero blocks are never written and the
/// length is set at the end, so unused space costs nothing on disk. The writes themselves go
/// out on a background thread.
/// </summary>
public sealed class SparseRawSink : IRandomAccessDiskImageSink
{
    private readonly FileStream file;
    private readonly bool ownsFile;
    private readonly BackgroundFileWriter writer;
    private readonly SparseFileWriter.RunHandler queueRun;
    private long end;

    public SparseRawSink(FileStream file, long capacity, bool ownsFile = true)
    {
        this.file = file;
        this.ownsFile = ownsFile;
        Capacity = capacity;

        // A file that already held data would leak old bytes into the holes. An empty one is left
        // alone: truncating makes ext4 write the whole file back when it is closed.
        if (file.Length != 0)
        {
            file.SetLength(0);
        }

        writer = new BackgroundFileWriter(file);
        queueRun = writer.Write;
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

        SparseFileWriter.ForEachDataRun(offset, data, queueRun);
        end = offset + data.Length;
    }

    public Stream OpenWindow(long offset, long length)
    {
        if (offset < end || offset + length > Capacity)
        {
            throw new InvalidOperationException($"The window [{offset}, {offset + length}) overlaps bytes already written or passes the capacity {Capacity}.");
        }

        // The window writes to the file directly; what is queued goes first.
        writer.Drain();
        end = offset + length;
        return new SparseWindowStream(file, offset, length);
    }

    public void Complete()
    {
        writer.Drain();
        file.SetLength(Capacity);
        file.Flush();
    }

    public void Dispose()
    {
        writer.Dispose();
        if (ownsFile)
        {
            file.Dispose();
        }
    }
}
