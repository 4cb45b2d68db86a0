using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Writes at given offsets on a thread of its own, so reading, zero detection and compression
/// go on while the kernel copies earlier bytes into the file. Writes are copied into a few large
/// buffers; a write that continues the previous one shares its buffer, so the file sees few,
/// large writes. <see cref="Drain"/> waits until everything is written and reports a failure.
/// </summary>
public sealed class BackgroundFileWriter : IDisposable
{
    /// <summary>The size of each buffer and so of most writes the file sees (small enough to stay in the CPU cache).</summary>
    public const int DefaultBufferSize = 1 << 20;

    private const int BufferCount = 4;
    private const int MinPreallocation = 1 << 20;
    private const int FallocKeepSize = 1;

    private readonly Stream output;
    private readonly SafeFileHandle? handle;
    private readonly int bufferSize;
    private readonly BlockingCollection<byte[]> free = new();
    private readonly BlockingCollection<Chunk> queued = new();
    private readonly Thread thread;
    private readonly object gate = new();
    private byte[]? current;
    private int used;
    private long currentOffset;
    private int outstanding;
    private volatile Exception? failure;
    private bool disposed;
    private bool preallocate = OperatingSystem.IsLinux();

    /// <param name="output">A seekable stream; for a <see cref="FileStream"/> the writes go straight to its handle.</param>
    public BackgroundFileWriter(Stream output, int bufferSize = DefaultBufferSize)
    {
        if (!output.CanSeek || !output.CanWrite)
        {
            throw new ArgumentException("Disk images are written to a seekable, writable stream.", nameof(output));
        }

        this.output = output;
        handle = output is FileStream file ? file.SafeFileHandle : null;
        this.bufferSize = bufferSize;
        for (var i = 0; i < BufferCount; i++)
        {
            free.Add(ArrayPool<byte>.Shared.Rent(bufferSize));
        }

        thread = new Thread(Run) { IsBackground = true, Name = "disk image writer" };
        thread.Start();
    }

    /// <summary>Queues a copy of <paramref name="data"/> for writing at <paramref name="offset"/>.</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var span = Reserve(offset, data.Length);
            data[..span.Length].CopyTo(span);
            data = data[span.Length..];
            offset += span.Length;
        }
    }

    /// <summary>Queues <paramref name="count"/> zero bytes at <paramref name="offset"/>.</summary>
    public void WriteZeros(long offset, long count)
    {
        while (count > 0)
        {
            var span = Reserve(offset, (int)Math.Min(count, bufferSize));
            span.Clear();
            count -= span.Length;
            offset += span.Length;
        }
    }

    /// <summary>Writes out everything queued and waits for it; throws the first write failure.</summary>
    public void Drain()
    {
        Submit();
        lock (gate)
        {
            while (outstanding > 0)
            {
                Monitor.Wait(gate);
            }
        }

        ThrowIfFailed();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Submit();
        queued.CompleteAdding();
        thread.Join();
        queued.Dispose();
        while (free.TryTake(out var buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        free.Dispose();
    }

    // A span of the current buffer for up to `length` bytes at `offset`, starting a new buffer
    // when the write does not continue the current one or it is full.
    private Span<byte> Reserve(long offset, int length)
    {
        ThrowIfFailed();
        if (current is null || offset != currentOffset + used || used == bufferSize)
        {
            Submit();
            current = free.Take();
            currentOffset = offset;
        }

        var n = Math.Min(bufferSize - used, length);
        var span = current.AsSpan(used, n);
        used += n;
        return span;
    }

    private void Submit()
    {
        if (current is null)
        {
            return;
        }

        lock (gate)
        {
            outstanding++;
        }

        queued.Add(new Chunk(current, used, currentOffset));
        current = null;
        used = 0;
    }

    private void Run()
    {
        foreach (var chunk in queued.GetConsumingEnumerable())
        {
            // After a failure the remaining chunks are dropped but their buffers still come back,
            // so the producer never waits forever; it sees the failure on its next call.
            if (failure is null)
            {
                try
                {
                    var data = chunk.Buffer.AsSpan(0, chunk.Length);
                    if (handle is not null)
                    {
                        Preallocate(handle, chunk.Offset, chunk.Length);
                        RandomAccess.Write(handle, data, chunk.Offset);
                    }
                    else
                    {
                        output.Position = chunk.Offset;
                        output.Write(data);
                    }
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }

            free.Add(chunk.Buffer);
            lock (gate)
            {
                outstanding--;
                Monitor.PulseAll(gate);
            }
        }
    }

    // Allocating the blocks before the write spares the filesystem its per-page delayed-allocation
    // bookkeeping (about a third of ext4's cost for large appends). Where it is not supported it
    // is simply not done again; the write itself reports a real failure (such as a full disk).
    private void Preallocate(SafeFileHandle file, long offset, int length)
    {
        if (!preallocate || length < MinPreallocation)
        {
            return;
        }

        var added = false;
        file.DangerousAddRef(ref added);
        try
        {
            if (NativeMethods.fallocate((int)file.DangerousGetHandle(), FallocKeepSize, offset, length) != 0)
            {
                preallocate = false;
            }
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (failure is { } e)
        {
            ExceptionDispatchInfo.Capture(e).Throw();
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, long Offset);

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int fallocate(int fd, int mode, long offset, long length);
    }
}
