using System.Buffers.Binary;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>
/// The ext2/ext3 block map: twelve direct pointers in i_block, then single, double and triple
/// indirect blocks of 32-bit pointers. Holes are zero pointers, and an indirect block exists
/// only where something below it is mapped.
/// </summary>
internal sealed class IndirectBlockMap
{
    public const int DirectBlocks = 12;
    public const int SingleSlot = 12;
    public const int DoubleSlot = 13;
    public const int TripleSlot = 14;

    private readonly int _perBlock;
    private readonly uint[] _direct = new uint[DirectBlocks];
    private readonly Node?[] _roots = new Node?[3];
    private readonly List<Node> _nodes = [];

    public IndirectBlockMap(IReadOnlyList<BlockRun> runs, int blockSize, string path)
    {
        _perBlock = blockSize / 4;
        long p = _perBlock;
        var limit = DirectBlocks + p + (p * p) + (p * p * p);
        foreach (var r in runs)
        {
            if (r.Logical + r.Count > limit)
            {
                throw new InvalidOperationException($"'{path}' is too large for an indirect block map ({r.Logical + r.Count} blocks); use ext4.");
            }

            for (long i = 0; i < r.Count; i++)
            {
                Map(r.Logical + i, (uint)(r.Physical + i));
            }
        }
    }

    /// <summary>How many indirect blocks the map needs; <see cref="Write"/> wants exactly this many block numbers.</summary>
    public int MapBlockCount => _nodes.Count;

    /// <summary>The number of indirect blocks a file of <paramref name="blocks"/> blocks needs with no holes (the most it can need).</summary>
    public static long CountDense(long blocks, int blockSize)
    {
        long p = blockSize / 4;
        if (blocks <= DirectBlocks)
        {
            return 0;
        }

        blocks -= DirectBlocks;
        long count = 1;
        if (blocks <= p)
        {
            return count;
        }

        blocks -= p;
        count += 1 + ((Math.Min(blocks, p * p) + p - 1) / p);
        if (blocks <= p * p)
        {
            return count;
        }

        blocks -= p * p;
        return count + 1 + ((blocks + (p * p) - 1) / (p * p)) + ((blocks + p - 1) / p);
    }

    public void Write(IReadOnlyList<long> mapBlocks, Span<byte> iBlock, IBlockSink sink)
    {
        for (var i = 0; i < _nodes.Count; i++)
        {
            _nodes[i].Block = (uint)mapBlocks[i];
        }

        iBlock[..InodeRecord.BlockArraySize].Clear();
        for (var i = 0; i < DirectBlocks; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(iBlock[(i * 4)..], _direct[i]);
        }

        for (var i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(iBlock[((SingleSlot + i) * 4)..], _roots[i]?.Block ?? 0);
        }

        var buffer = new byte[_perBlock * 4];
        foreach (var node in _nodes)
        {
            for (var i = 0; i < _perBlock; i++)
            {
                var value = node.Children is null ? node.Entries[i] : node.Children[i]?.Block ?? 0;
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(i * 4), value);
            }

            sink.WriteBlock(node.Block, buffer);
        }
    }

    private void Map(long logical, uint physical)
    {
        if (logical < DirectBlocks)
        {
            _direct[logical] = physical;
            return;
        }

        long p = _perBlock;
        logical -= DirectBlocks;
        var depth = 1;
        var span = p;
        while (logical >= span)
        {
            logical -= span;
            depth++;
            span *= p;
        }

        var node = _roots[depth - 1] ??= NewNode(depth);
        for (var level = depth; level > 1; level--)
        {
            span /= p;
            var index = (int)(logical / span);
            logical %= span;
            node = node.Children![index] ??= NewNode(level - 1);
        }

        node.Entries[logical] = physical;
    }

    private Node NewNode(int level)
    {
        var node = level == 1 ? new Node(new uint[_perBlock], null) : new Node([], new Node?[_perBlock]);
        _nodes.Add(node);
        return node;
    }

    private sealed class Node(uint[] entries, Node?[]? children)
    {
        public uint[] Entries { get; } = entries;

        public Node?[]? Children { get; } = children;

        public uint Block { get; set; }
    }
}
