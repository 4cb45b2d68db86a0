using System.Numerics;
using Hyperbake.Imaging.Ext.OnDisk;

namespace Hyperbake.Imaging.Ext.Layout;

/// <summary>
/// One bit per block from the first data block to the end: metadata is marked first, then data is
/// handed out in ascending order from a cursor, skipping what is taken. The bits become the
/// on-disk block bitmaps group by group.
/// </summary>
internal sealed class BlockAllocator
{
    private readonly ulong[] _bits;
    private readonly long _first;
    private readonly long _count;
    private long _cursor;

    public BlockAllocator(long firstDataBlock, long blocksCount)
    {
        _first = firstDataBlock;
        _count = blocksCount - firstDataBlock;
        _bits = new ulong[(_count + 63) / 64];
    }

    public long UsedBlocks { get; private set; }

    public long FreeBlocks => _count - UsedBlocks;

    public bool IsUsed(long block) => (_bits[(block - _first) >> 6] & (1UL << (int)((block - _first) & 63))) != 0;

    public void MarkUsed(long start, long count)
    {
        for (var b = start; b < start + count; b++)
        {
            var i = b - _first;
            ref var word = ref _bits[i >> 6];
            var mask = 1UL << (int)(i & 63);
            if ((word & mask) != 0)
            {
                throw new InvalidOperationException($"Block {b} allocated twice (layout bug).");
            }

            word |= mask;
        }

        UsedBlocks += count;
    }

    /// <summary>The first run of <paramref name="count"/> free blocks at or after <paramref name="hint"/>, marked used.</summary>
    public long AllocateContiguous(long hint, long count, long limit = long.MaxValue)
    {
        var end = Math.Min(_first + _count, limit);
        var start = Math.Max(hint, _first);
        while (start + count <= end)
        {
            start = NextFree(start);
            if (start < 0 || start + count > end)
            {
                break;
            }

            var run = FreeRunLength(start, count);
            if (run >= count)
            {
                MarkUsed(start, count);
                return start;
            }

            start += run;
        }

        throw new InvalidOperationException($"No room for {count} contiguous blocks; the image is too small.");
    }

    /// <summary>The next free run from the cursor, at most <paramref name="max"/> blocks, marked used.</summary>
    public (long Start, long Count) AllocateNext(long max)
    {
        var start = NextFree(Math.Max(_cursor, _first));
        if (start < 0)
        {
            throw new InvalidOperationException("The image is full; raise its size.");
        }

        var run = FreeRunLength(start, max);
        MarkUsed(start, run);
        _cursor = start + run;
        return (start, run);
    }

    /// <summary>Allocates <paramref name="count"/> blocks from the cursor as one or more runs.</summary>
    public List<BlockRun> AllocateRuns(long logical, long count)
    {
        var runs = new List<BlockRun>();
        while (count > 0)
        {
            var (start, n) = AllocateNext(count);
            runs.Add(new BlockRun(logical, start, n));
            logical += n;
            count -= n;
        }

        return runs;
    }

    public void SetCursor(long block) => _cursor = block;

    /// <summary>Copies the bits of <paramref name="blocks"/> blocks from <paramref name="start"/> (64-aligned from the first data block).</summary>
    public void CopyBits(long start, long blocks, Span<byte> destination)
    {
        var word = (start - _first) >> 6;
        var bytes = (int)((blocks + 7) / 8);
        for (var i = 0; i < bytes; i++)
        {
            var w = word + (i >> 3);
            destination[i] = w < _bits.Length ? (byte)(_bits[w] >> ((i & 7) * 8)) : (byte)0;
        }
    }

    public long CountUsed(long start, long blocks)
    {
        long used = 0;
        var i = start - _first;
        var end = i + blocks;
        while (i < end && (i & 63) != 0)
        {
            used += (long)((_bits[i >> 6] >> (int)(i & 63)) & 1);
            i++;
        }

        while (i + 64 <= end)
        {
            used += BitOperations.PopCount(_bits[i >> 6]);
            i += 64;
        }

        while (i < end)
        {
            used += (long)((_bits[i >> 6] >> (int)(i & 63)) & 1);
            i++;
        }

        return used;
    }

    private long NextFree(long block)
    {
        var i = block - _first;
        while (i < _count)
        {
            var word = _bits[i >> 6] | ((1UL << (int)(i & 63)) - 1);
            if (word != ulong.MaxValue)
            {
                var found = ((i >> 6) << 6) + BitOperations.TrailingZeroCount(~word);
                return found < _count ? found + _first : -1;
            }

            i = ((i >> 6) + 1) << 6;
        }

        return -1;
    }

    private long FreeRunLength(long start, long max)
    {
        var i = start - _first;
        long run = 0;
        while (run < max && i < _count)
        {
            if ((i & 63) == 0 && _bits[i >> 6] == 0 && max - run >= 64 && i + 64 <= _count)
            {
                run += 64;
                i += 64;
                continue;
            }

            if ((_bits[i >> 6] & (1UL << (int)(i & 63))) != 0)
            {
                break;
            }

            run++;
            i++;
        }

        return run;
    }
}
