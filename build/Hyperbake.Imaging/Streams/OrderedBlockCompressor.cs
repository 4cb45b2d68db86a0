using System.Runtime.ExceptionServices;

namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Compresses blocks on all cores while the caller goes on producing them, and hands each
/// result back on the caller's thread in the order the blocks came, so the output is the same
/// on any machine. Blocks are gathered in batches; one batch is compressed while the next fills.
/// </summary>
public sealed class OrderedBlockCompressor
{
    private const int BatchBytes = 4 << 20;

    private readonly int blockSize;
    private readonly Func<byte[], byte[]?> compress;
    private readonly Action<long, byte[], byte[]?> deliver;
    private readonly int batchSize;
    private readonly Stack<byte[]> spare = new();
    private Batch filling;
    private Batch idle;
    private Batch? running;
    private Task? work;

    /// <param name="blockSize">The size of every block.</param>
    /// <param name="compress">Runs on a worker thread: the compressed bytes, or null to store the block as is.</param>
    /// <param name="deliver">Runs on the caller's thread, in block order, with (index, block, compressed or null).</param>
    public OrderedBlockCompressor(int blockSize, Func<byte[], byte[]?> compress, Action<long, byte[], byte[]?> deliver)
    {
        this.blockSize = blockSize;
        this.compress = compress;
        this.deliver = deliver;
        batchSize = Math.Max(2 * Environment.ProcessorCount, BatchBytes / blockSize);
        filling = new Batch(batchSize);
        idle = new Batch(batchSize);
    }

    /// <summary>Queues a copy of <paramref name="block"/>; results of earlier batches may be delivered meanwhile.</summary>
    public void Add(long index, ReadOnlySpan<byte> block)
    {
        var copy = spare.Count > 0 ? spare.Pop() : GC.AllocateUninitializedArray<byte>(blockSize);
        block.CopyTo(copy);
        filling.Indexes.Add(index);
        filling.Blocks.Add(copy);
        if (filling.Indexes.Count == batchSize)
        {
            Start();
        }
    }

    /// <summary>Compresses and delivers everything queued.</summary>
    public void Finish()
    {
        Start();
        Collect();
    }

    // Hands the filled batch to the workers, after delivering the one they were busy with.
    private void Start()
    {
        Collect();
        if (filling.Indexes.Count == 0)
        {
            return;
        }

        var batch = filling;
        running = batch;
        work = Task.Run(() => Parallel.For(0, batch.Blocks.Count, i => batch.Results[i] = compress(batch.Blocks[i])));
        filling = idle;
    }

    private void Collect()
    {
        if (work is null || running is null)
        {
            return;
        }

        try
        {
            work.Wait();
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }

        var batch = running;
        work = null;
        running = null;
        for (var i = 0; i < batch.Indexes.Count; i++)
        {
            deliver(batch.Indexes[i], batch.Blocks[i], batch.Results[i]);
            spare.Push(batch.Blocks[i]);
        }

        batch.Clear();
        idle = batch;
    }

    private sealed class Batch(int size)
    {
        public List<long> Indexes { get; } = new(size);

        public List<byte[]> Blocks { get; } = new(size);

        public byte[]?[] Results { get; } = new byte[size][];

        public void Clear()
        {
            Indexes.Clear();
            Blocks.Clear();
            Array.Clear(Results);
        }
    }
}
