namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Turns forward-only writes at arbitrary offsets into whole, aligned blocks of a container's
/// allocation unit (a qcow2 cluster, a VMDK grain, a VHDX/VDI block). Blocks that stay all zero
/// are never emitted, so they stay unallocated.
/// </summary>
public sealed class BlockAssembler
{
    private readonly byte[] block;
    private readonly BlockHandler emit;
    private long current = -1;
    private long end;
    private bool dirty;

    /// <param name="blockSize">The allocation unit in bytes.</param>
    /// <param name="capacity">The virtual size; the last block is zero-padded past it.</param>
    /// <param name="emit">Called with (block index, block bytes) for each block holding a non-zero byte, in increasing index order.</param>
    public BlockAssembler(int blockSize, long capacity, BlockHandler emit)
    {
        block = new byte[blockSize];
        BlockSize = blockSize;
        Capacity = capacity;
        this.emit = emit;
    }

    public int BlockSize { get; }

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

        end = offset + data.Length;
        while (!data.IsEmpty)
        {
            var index = offset / BlockSize;
            var within = (int)(offset % BlockSize);
            var n = Math.Min(BlockSize - within, data.Length);
            var chunk = data[..n];

            if (index != current)
            {
                Flush();
                if (within == 0 && n == BlockSize)
                {
                    // A whole block in one write goes straight through, without a copy.
                    if (!ZeroDetector.IsZero(chunk))
                    {
                        emit(index, chunk);
                    }

                    data = data[n..];
                    offset += n;
                    continue;
                }

                current = index;
            }

            if (!ZeroDetector.IsZero(chunk))
            {
                chunk.CopyTo(block.AsSpan(within));
                dirty = true;
            }

            data = data[n..];
            offset += n;
        }
    }

    /// <summary>Emits the partly filled block, if any.</summary>
    public void Flush()
    {
        if (current >= 0 && dirty)
        {
            emit(current, block);
        }

        if (dirty)
        {
            Array.Clear(block);
        }

        dirty = false;
        current = -1;
    }
}
