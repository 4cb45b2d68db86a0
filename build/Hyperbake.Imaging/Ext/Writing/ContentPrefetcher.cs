using System.Buffers;
using System.Collections.Concurrent;
using Hyperbake.Imaging.Ext.Layout;

namespace Hyperbake.Imaging.Ext.Writing;

/// <summary>
/// Reads regular-file contents ahead, in order, on a background thread, so reading the sources
/// overlaps with writing the image. At most <c>depth</c> chunks are in flight, which bounds memory.
/// </summary>
internal sealed class ContentPrefetcher : IDisposable
{
    private readonly BlockingCollection<Chunk> _chunks;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task _producer;
    private Exception? _failure;

    public ContentPrefetcher(IReadOnlyList<ExtInode> files, int chunkSize, int depth)
    {
        _chunks = new BlockingCollection<Chunk>(depth);
        _producer = Task.Factory.StartNew(() => Produce(files, chunkSize), TaskCreationOptions.LongRunning);
    }

    /// <summary>The next chunk; its buffer is at least the chunk size and goes back with <see cref="Return"/>.</summary>
    public Chunk Next()
    {
        if (_chunks.TryTake(out var chunk, Timeout.Infinite))
        {
            return chunk;
        }

        throw _failure ?? new InvalidOperationException("File contents ended early (layout bug).");
    }

    public static void Return(Chunk chunk) => ArrayPool<byte>.Shared.Return(chunk.Buffer);

    public void Dispose()
    {
        _cancel.Cancel();
        try
        {
            _producer.Wait();
        }
        catch (AggregateException)
        {
            // The producer's failure, if any, was already handed to the consumer.
        }

        while (_chunks.TryTake(out var left))
        {
            Return(left);
        }

        _chunks.Dispose();
        _cancel.Dispose();
    }

    private void Produce(IReadOnlyList<ExtInode> files, int chunkSize)
    {
        try
        {
            foreach (var inode in files)
            {
                using var stream = inode.Node!.Content!.OpenRead();
                var remaining = inode.Size;
                while (remaining > 0)
                {
                    var want = (int)Math.Min(chunkSize, remaining);
                    var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
                    var got = stream.ReadAtLeast(buffer.AsSpan(0, want), want, throwOnEndOfStream: false);
                    if (got < want)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        throw new InvalidOperationException(
                            $"The content of '{inode.Path}' ended after {inode.Size - remaining + got} bytes but declared {inode.Size}; its source changed while the image was written.");
                    }

                    remaining -= want;
                    if (remaining == 0 && stream.ReadByte() != -1)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        throw new InvalidOperationException($"The content of '{inode.Path}' is longer than its declared {inode.Size} bytes; its source changed while the image was written.");
                    }

                    _chunks.Add(new Chunk(inode, buffer, want, remaining == 0), _cancel.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            _chunks.CompleteAdding();
        }
    }

    internal readonly record struct Chunk(ExtInode Inode, byte[] Buffer, int Length, bool Last);
}
