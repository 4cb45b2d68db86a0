using Hyperbake.Imaging.Ext.Layout;
using Hyperbake.Imaging.Ext.OnDisk;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Ext.Writing;

/// <summary>
/// Streams an <see cref="ExtLayout"/> to the output: the journal superblock, directories,
/// long symlinks and xattr blocks, then file data (all-zero blocks become holes and each file's
/// mapping follows its data), and last the inode tables, bitmaps, descriptors and superblocks,
/// whose counts are only final once the data is placed.
/// </summary>
internal sealed class ExtImageWriter
{
    private const int ReadBufferSize = 1 << 20;
    private const int PrefetchDepth = 16;
    private readonly ExtLayout _layout;
    private readonly Stream _stream;
    private readonly ImageStreamWriter _out;
    private readonly int _bs;
    private readonly uint? _seed;

    public ExtImageWriter(ExtLayout layout, Stream output)
    {
        _layout = layout;
        _stream = output;
        _bs = layout.BlockSize;
        _seed = layout.ChecksumSeed;
        _out = new ImageStreamWriter(output, _bs);
    }

    public void Write()
    {
        if (!_stream.CanSeek || !_stream.CanWrite)
        {
            throw new ArgumentException("The ext image needs a writable, seekable output stream.");
        }

        WriteLayoutPlacedBlocks();
        WriteFileData();
        WriteInodeTables();
        new GroupMetadataWriter(_layout, _out).Write();
        _out.Flush();
        if (_stream.Length < _layout.ImageSize)
        {
            _stream.SetLength(_layout.ImageSize);
        }

        _stream.Flush();
    }

    private uint? InodeSeed(ExtInode inode) => _seed is { } s ? MetadataChecksum.InodeSeed(s, inode.Number) : null;

    private void WriteLayoutPlacedBlocks()
    {
        var block = new byte[_bs];
        if (_layout.Journal is { } journal)
        {
            JournalSuperblock.Write(block, _bs, (uint)(journal.Size / _bs), _layout.Uuid);
            _out.WriteBlock(journal.Runs![0].Physical, block);
            WriteMapping(journal, journal.Runs, journal.MapBlocks!);
        }

        byte[] dirBuffer = [];
        foreach (var inode in _layout.Inodes)
        {
            if (inode is null)
            {
                continue;
            }

            if (inode.Directory is { } dir)
            {
                var length = dir.BlockCount * _bs;
                if (dirBuffer.Length < length)
                {
                    dirBuffer = new byte[length];
                }

                dir.Write(dirBuffer, InodeSeed(inode));
                WriteRuns(inode.Runs!, dirBuffer);
                WriteMapping(inode, inode.Runs!, inode.MapBlocks!);
            }
            else if (inode.Kind == FileNodeKind.Symlink && inode.Runs is { } runs)
            {
                Array.Clear(block);
                System.Text.Encoding.UTF8.GetBytes(inode.Node!.SymlinkTarget!, block);
                _out.WriteBlock(runs[0].Physical, block);
                WriteMapping(inode, runs, inode.MapBlocks!);
            }

            if (inode is { Xattrs: { } xattrs, XattrsInInode: false })
            {
                xattrs.EncodeBlock(block, (ulong)inode.XattrBlock, _seed);
                _out.WriteBlock(inode.XattrBlock, block);
            }
        }
    }

    private void WriteRuns(List<BlockRun> runs, byte[] data)
    {
        foreach (var r in runs)
        {
            _out.WriteBlock(r.Physical, data.AsSpan((int)(r.Logical * _bs), (int)(r.Count * _bs)));
        }
    }

    private void WriteMapping(ExtInode inode, List<BlockRun> runs, long[] mapBlocks)
    {
        if (_layout.Features.Extents)
        {
            ExtentTree.Build(runs, mapBlocks, _bs, InodeSeed(inode), inode.Block, _out);
        }
        else
        {
            new IndirectBlockMap(runs, _bs, inode.Path).Write(mapBlocks, inode.Block, _out);
        }
    }

    private void WriteFileData()
    {
        var allocator = _layout.Allocator;
        var files = _layout.Inodes
            .Where(i => i is { Kind: FileNodeKind.RegularFile, Node: not null } && !ReferenceEquals(i, _layout.Journal))
            .Select(i => i!)
            .ToList();
        using var prefetcher = new ContentPrefetcher(files.Where(f => f.Size > 0).ToList(), ReadBufferSize, PrefetchDepth);
        foreach (var inode in files)
        {
            var runs = new List<BlockRun>();
            long logical = 0;
            for (var remaining = inode.Size; remaining > 0;)
            {
                var chunk = prefetcher.Next();
                var blocks = (chunk.Length + _bs - 1) / _bs;
                chunk.Buffer.AsSpan(chunk.Length, (blocks * _bs) - chunk.Length).Clear();
                PlaceChunk(chunk.Buffer, blocks, logical, runs, allocator);
                ContentPrefetcher.Return(chunk);
                logical += blocks;
                remaining -= chunk.Length;
            }

            var mapCount = _layout.Features.Extents
                ? ExtentTree.CountTreeBlocks(ExtentTree.CountExtents(runs), _bs)
                : new IndirectBlockMap(runs, _bs, inode.Path).MapBlockCount;
            var mapBlocks = ExtLayoutPlanner.AllocateSingles(allocator, mapCount);
            WriteMapping(inode, runs, mapBlocks);
            inode.BlocksUsed += runs.Sum(r => r.Count) + mapCount;
        }
    }

    /// <summary>Places the non-zero blocks of a chunk from the allocator's cursor; zero blocks stay holes.</summary>
    private void PlaceChunk(byte[] buffer, int blocks, long logical, List<BlockRun> runs, BlockAllocator allocator)
    {
        var i = 0;
        while (i < blocks)
        {
            if (IsZero(buffer, i))
            {
                i++;
                continue;
            }

            var j = i + 1;
            while (j < blocks && !IsZero(buffer, j))
            {
                j++;
            }

            for (var k = i; k < j;)
            {
                var (start, n) = allocator.AllocateNext(j - k);
                _out.WriteBlock(start, buffer.AsSpan(k * _bs, (int)n * _bs));
                var run = new BlockRun(logical + k, start, n);
                if (runs.Count > 0 && runs[^1] is var last && last.Logical + last.Count == run.Logical && last.Physical + last.Count == run.Physical)
                {
                    runs[^1] = last with { Count = last.Count + n };
                }
                else
                {
                    runs.Add(run);
                }

                k += (int)n;
            }

            i = j;
        }
    }

    private bool IsZero(byte[] buffer, int block) => buffer.AsSpan(block * _bs, _bs).IndexOfAnyExcept((byte)0) < 0;

    private void WriteInodeTables()
    {
        var g = _layout.Geometry;
        var ipg = g.InodesPerGroup;
        var lastInode = _layout.Inodes.Count - 1;
        var table = new byte[g.InodeTableBlocks * _bs];
        var record = new InodeRecordWriter(_layout);
        for (var group = 0; group < g.GroupCount; group++)
        {
            var first = (long)group * ipg;
            var slots = (int)Math.Clamp(lastInode - first, 0, ipg);
            if (slots == 0)
            {
                continue;
            }

            var bytes = ((slots * InodeRecord.Size) + _bs - 1) / _bs * _bs;
            Array.Clear(table, 0, bytes);
            for (var i = 0; i < slots; i++)
            {
                if (_layout.Inodes[(int)(first + i + 1)] is { } inode)
                {
                    record.Write(inode, table.AsSpan(i * InodeRecord.Size, InodeRecord.Size));
                }
            }

            _out.WriteBlock(_layout.InodeTables[group], table.AsSpan(0, bytes));
        }
    }
}
