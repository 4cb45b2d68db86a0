using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>
/// The blocks of one directory, planned once (how many blocks, which names in which block) and
/// written later. A directory that fits one block is linear; a larger one becomes an htree
/// (dir_index): block 0 is the dx root, then (for two levels) dx nodes, then leaves of names
/// sorted by hash. Leaves hold names in hash order so each block covers one hash range.
/// </summary>
internal sealed class DirectoryLayout
{
    private const int DotRecordLength = 12;
    private const int RootInfoOffset = 24;
    private const int RootInfoLength = 8;
    private const int RootCountOffset = RootInfoOffset + RootInfoLength;
    private const int NodeCountOffset = 8;
    private const int DxEntrySize = 8;
    private const int DxTailSize = 8;
    private const byte DirectoryFileType = 2;

    private readonly uint _self;
    private readonly uint _parent;
    private readonly int _blockSize;
    private readonly bool _checksums;
    private readonly DirectoryEntry[] _entries;
    private readonly int[] _blockStart; // first entry of each leaf (linear: each block), plus a sentinel
    private readonly uint[] _leafHash = [];
    private readonly ExtDirectoryHash _hashVersion;
    private readonly int _nodeCount;

    private DirectoryLayout(uint self, uint parent, int blockSize, bool checksums, DirectoryEntry[] entries, int[] blockStart, ExtDirectoryHash hashVersion, uint[]? leafHash, int nodeCount, bool indexed)
    {
        _self = self;
        _parent = parent;
        _blockSize = blockSize;
        _checksums = checksums;
        _entries = entries;
        _blockStart = blockStart;
        _hashVersion = hashVersion;
        _leafHash = leafHash ?? [];
        _nodeCount = nodeCount;
        Indexed = indexed;
    }

    public bool Indexed { get; }

    public int LeafCount => _blockStart.Length - 1;

    public int BlockCount => Indexed ? 1 + _nodeCount + LeafCount : LeafCount;

    public static DirectoryLayout Create(
        uint self, uint parent, List<DirectoryEntry> entries, int blockSize, bool checksums, bool dirIndex,
        ExtDirectoryHash hashVersion, uint[] hashSeed, int minimumBlocks, string path)
    {
        var space = blockSize - (checksums ? DirectoryEntry.TailSize : 0);
        var total = 2 * DotRecordLength;
        foreach (var e in entries)
        {
            total += e.RecordLength;
        }

        if (total <= space || !dirIndex)
        {
            var starts = Pack(entries, space, 2 * DotRecordLength);
            while (starts.Count - 1 < minimumBlocks)
            {
                starts.Add(entries.Count);
            }

            return new DirectoryLayout(self, parent, blockSize, checksums, [.. entries], [.. starts], hashVersion, null, 0, indexed: false);
        }

        var hashed = new (uint Hash, DirectoryEntry Entry)[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            hashed[i] = (DirectoryHash.Compute(entries[i].Name, hashVersion, hashSeed), entries[i]);
        }

        Array.Sort(hashed, (a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : a.Entry.Name.AsSpan().SequenceCompareTo(b.Entry.Name));
        var sorted = hashed.Select(h => h.Entry).ToList();
        var leafStarts = Pack(sorted, space, 0);
        var leaves = leafStarts.Count - 1;
        var leafHash = new uint[leaves];
        for (var i = 1; i < leaves; i++)
        {
            var first = hashed[leafStarts[i]].Hash;
            var previousLast = hashed[leafStarts[i] - 1].Hash;
            leafHash[i] = first == previousLast ? first | 1 : first;
        }

        var rootLimit = RootLimit(blockSize, checksums);
        var nodeLimit = NodeLimit(blockSize, checksums);
        var nodes = 0;
        if (leaves > rootLimit)
        {
            nodes = (leaves + nodeLimit - 1) / nodeLimit;
            if (nodes > rootLimit)
            {
                throw new InvalidOperationException(
                    $"Directory '{path}' has {entries.Count} entries, more than a two-level htree holds with {blockSize}-byte blocks; split it or use a larger block size.");
            }
        }

        return new DirectoryLayout(self, parent, blockSize, checksums, [.. sorted], [.. leafStarts], hashVersion, leafHash, nodes, indexed: true);
    }

    /// <summary>Writes all <see cref="BlockCount"/> blocks into <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination, uint? inodeChecksumSeed)
    {
        destination[..(BlockCount * _blockSize)].Clear();
        if (!Indexed)
        {
            for (var b = 0; b < LeafCount; b++)
            {
                WriteLeaf(destination.Slice(b * _blockSize, _blockSize), b, withDots: b == 0, inodeChecksumSeed);
            }

            return;
        }

        var firstLeaf = 1 + _nodeCount;
        for (var b = 0; b < LeafCount; b++)
        {
            WriteLeaf(destination.Slice((firstLeaf + b) * _blockSize, _blockSize), b, withDots: false, inodeChecksumSeed);
        }

        var root = destination[.._blockSize];
        DirectoryEntry.Write(root, _self, DotRecordLength, "."u8, DirectoryFileType);
        DirectoryEntry.Write(root[DotRecordLength..], _parent, _blockSize - DotRecordLength, ".."u8, DirectoryFileType);
        root[RootInfoOffset + RootInfoField.HashVersion] = (byte)_hashVersion;
        root[RootInfoOffset + RootInfoField.InfoLength] = RootInfoLength;
        root[RootInfoOffset + RootInfoField.IndirectLevels] = (byte)(_nodeCount > 0 ? 1 : 0);
        if (_nodeCount == 0)
        {
            var children = Enumerable.Range(0, LeafCount).Select(i => (_leafHash[i], (uint)(firstLeaf + i))).ToList();
            WriteIndex(root, RootCountOffset, RootLimit(_blockSize, _checksums), children, inodeChecksumSeed);
            return;
        }

        var nodeLimit = NodeLimit(_blockSize, _checksums);
        var rootChildren = new List<(uint, uint)>();
        for (var n = 0; n < _nodeCount; n++)
        {
            var first = n * nodeLimit;
            var count = Math.Min(nodeLimit, LeafCount - first);
            var children = Enumerable.Range(first, count).Select(i => (_leafHash[i], (uint)(firstLeaf + i))).ToList();
            var node = destination.Slice((1 + n) * _blockSize, _blockSize);
            DirectoryEntry.Write(node, 0, _blockSize, [], 0);
            WriteIndex(node, NodeCountOffset, nodeLimit, children, inodeChecksumSeed);
            rootChildren.Add((_leafHash[first], (uint)(1 + n)));
        }

        WriteIndex(root, RootCountOffset, RootLimit(_blockSize, _checksums), rootChildren, inodeChecksumSeed);
    }

    private static int RootLimit(int blockSize, bool checksums) => (blockSize - RootCountOffset - (checksums ? DxTailSize : 0)) / DxEntrySize;

    private static int NodeLimit(int blockSize, bool checksums) => (blockSize - NodeCountOffset - (checksums ? DxTailSize : 0)) / DxEntrySize;

    /// <summary>Greedy packing: the index of the first entry of each block, plus a final sentinel.</summary>
    private static List<int> Pack(List<DirectoryEntry> entries, int space, int firstBlockUsed)
    {
        var starts = new List<int> { 0 };
        var used = firstBlockUsed;
        for (var i = 0; i < entries.Count; i++)
        {
            var length = entries[i].RecordLength;
            if (used + length > space)
            {
                starts.Add(i);
                used = 0;
            }

            used += length;
        }

        starts.Add(entries.Count);
        return starts;
    }

    private void WriteLeaf(Span<byte> block, int index, bool withDots, uint? seed)
    {
        var space = _blockSize - (_checksums ? DirectoryEntry.TailSize : 0);
        var offset = 0;
        var first = _blockStart[index];
        var end = _blockStart[index + 1];
        if (withDots)
        {
            DirectoryEntry.Write(block, _self, DotRecordLength, "."u8, DirectoryFileType);
            DirectoryEntry.Write(block[DotRecordLength..], _parent, first == end ? space - DotRecordLength : DotRecordLength, ".."u8, DirectoryFileType);
            offset = 2 * DotRecordLength;
        }
        else if (first == end)
        {
            DirectoryEntry.Write(block, 0, space, [], 0);
        }

        for (var i = first; i < end; i++)
        {
            var e = _entries[i];
            var length = i == end - 1 ? space - offset : e.RecordLength;
            DirectoryEntry.Write(block[offset..], e.Inode, length, e.Name, e.FileType);
            offset += length;
        }

        if (_checksums)
        {
            var tail = block[space..];
            BinaryPrimitives.WriteUInt16LittleEndian(tail[DirectoryEntry.Field.RecordLength..], DirectoryEntry.TailSize);
            tail[DirectoryEntry.Field.FileType] = DirectoryEntry.TailFileType;
            BinaryPrimitives.WriteUInt32LittleEndian(tail[8..], Crc32C.Update(seed!.Value, block[..space]));
        }
    }

    /// <summary>Writes a dx count/limit header and entries; the first entry's hash slot holds limit and count.</summary>
    private void WriteIndex(Span<byte> block, int countOffset, int limit, List<(uint Hash, uint Block)> children, uint? seed)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(block[countOffset..], (ushort)limit);
        BinaryPrimitives.WriteUInt16LittleEndian(block[(countOffset + 2)..], (ushort)children.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(block[(countOffset + 4)..], children[0].Block);
        for (var i = 1; i < children.Count; i++)
        {
            var at = countOffset + (i * DxEntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(block[at..], children[i].Hash);
            BinaryPrimitives.WriteUInt32LittleEndian(block[(at + 4)..], children[i].Block);
        }

        if (_checksums)
        {
            // dx_tail follows the limit's worth of entries: checksum over the used entries, the reserved word and a zero checksum.
            var tailAt = countOffset + (limit * DxEntrySize);
            var crc = Crc32C.Update(seed!.Value, block[..(countOffset + (children.Count * DxEntrySize))]);
            crc = Crc32C.Update(crc, block.Slice(tailAt, 4));
            crc = Crc32C.Update(crc, [0, 0, 0, 0]);
            BinaryPrimitives.WriteUInt32LittleEndian(block[(tailAt + 4)..], crc);
        }
    }

    /// <summary>dx_root_info, after the "." and ".." entries of block 0.</summary>
    private static class RootInfoField
    {
        public const int HashVersion = 4;
        public const int InfoLength = 5;
        public const int IndirectLevels = 6;
    }
}
