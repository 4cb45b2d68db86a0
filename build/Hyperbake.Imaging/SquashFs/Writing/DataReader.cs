using System.Buffers;
using Hyperbake.Imaging.SquashFs.Format;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// The reading side of <see cref="DataWriter"/>: runs on one thread, so every layout decision
/// (duplicate or not, which fragment a tail joins, block order) is made in a fixed order.
/// </summary>
internal sealed class DataReader(
    InodePlan plan,
    SquashFsOptions options,
    BlockCompressor compressor,
    BlockBudget budget,
    TaskScheduler scheduler,
    Action<DataItem> emit,
    Action publish,
    CancellationToken cancel)
{
    /// <summary>Files up to this size are read once into memory, hashed, then cut into blocks; larger ones are read twice (hash, then blocks).</summary>
    private const int WholeFileLimit = 4 << 20;

    /// <summary>Larger files are hashed in chunks of this size (a multiple of 4, see <see cref="ContentKey"/>).</summary>
    private const int HashChunk = 1 << 20;

    private readonly int _blockSize = options.BlockSize;
    private readonly Dictionary<(long Length, int Hash), List<int>> _seen = [];
    private byte[]? _fragment;
    private int _fragmentUsed;
    private uint _fragmentIndex;

    public void Run()
    {
        var files = plan.RegularFiles;
        for (var ordinal = 0; ordinal < files.Count; ordinal++)
        {
            cancel.ThrowIfCancellationRequested();
            StoreFile(ordinal, files[ordinal]);
        }

        FlushFragment();
        if (_fragment is not null)
        {
            ArrayPool<byte>.Shared.Return(_fragment);
            _fragment = null;
            budget.Release();
        }
    }

    private void StoreFile(int ordinal, PlannedInode inode)
    {
        var content = inode.Node.Content!;
        var length = content.Length;
        byte[]? whole = null;
        try
        {
            if (options.DuplicateDetection)
            {
                if (length <= WholeFileLimit)
                {
                    whole = ArrayPool<byte>.Shared.Rent((int)length);
                    using (var stream = content.OpenRead())
                    {
                        ReadExactly(stream, whole.AsSpan(0, (int)length), inode, 0);
                        if (stream.ReadByte() >= 0)
                        {
                            throw LengthMismatch(inode, $"more than {length} bytes");
                        }
                    }
                }

                var key = ContentKey(whole is null ? null : whole.AsMemory(0, (int)length), inode);
                if (_seen.TryGetValue(key, out var candidates))
                {
                    foreach (var candidate in candidates)
                    {
                        if (SameContent(plan.RegularFiles[candidate], inode, whole, length))
                        {
                            emit(new DataItem(DataItemKind.Duplicate, File: ordinal, Original: candidate));
                            return;
                        }
                    }

                    candidates.Add(ordinal);
                }
                else
                {
                    _seen.Add(key, [ordinal]);
                }
            }

            StoreBlocks(ordinal, inode, whole, length);
        }
        finally
        {
            if (whole is not null)
            {
                ArrayPool<byte>.Shared.Return(whole);
            }
        }
    }

    private void StoreBlocks(int ordinal, PlannedInode inode, byte[]? whole, long length)
    {
        var tail = (int)(length % _blockSize);
        var useFragment = options.Fragments && tail > 0 && (length < _blockSize || options.TailPacking);
        var blockCount = length / _blockSize + (tail > 0 && !useFragment ? 1 : 0);
        emit(new DataItem(DataItemKind.FileStart, File: ordinal));

        using var stream = whole is null ? inode.Node.Content!.OpenRead() : null;
        long offset = 0;
        for (long b = 0; b < blockCount; b++)
        {
            var size = (int)Math.Min(_blockSize, length - offset);
            var buffer = RentBlock();
            ReadInto(stream, whole, buffer.AsSpan(0, size), inode, offset);
            offset += size;
            emit(new DataItem(DataItemKind.Block, Block: Compress(buffer, size, detectSparse: true)));
        }

        var fragmentIndex = DataBlock.NoFragment;
        uint fragmentOffset = 0;
        if (useFragment)
        {
            if (_fragment is not null && _fragmentUsed + tail > _blockSize)
            {
                FlushFragment();
            }

            _fragment ??= RentBlock();
            ReadInto(stream, whole, _fragment.AsSpan(_fragmentUsed, tail), inode, offset);
            offset += tail;
            fragmentIndex = _fragmentIndex;
            fragmentOffset = (uint)_fragmentUsed;
            _fragmentUsed += tail;
        }

        if (stream is not null && stream.ReadByte() >= 0)
        {
            throw LengthMismatch(inode, $"more than {length} bytes");
        }

        emit(new DataItem(DataItemKind.FileEnd, File: ordinal, FragmentIndex: fragmentIndex, FragmentOffset: fragmentOffset));
    }

    private void FlushFragment()
    {
        if (_fragment is null || _fragmentUsed == 0)
        {
            return;
        }

        emit(new DataItem(DataItemKind.Fragment, Block: Compress(_fragment, _fragmentUsed, detectSparse: false)));
        _fragment = null;
        _fragmentUsed = 0;
        _fragmentIndex++;
    }

    private byte[] RentBlock()
    {
        // The writer frees budget only for blocks it has been handed: hand them over before waiting.
        budget.Take(cancel, beforeWaiting: publish);
        return ArrayPool<byte>.Shared.Rent(_blockSize);
    }

    private Task<StoredBlock> Compress(byte[] buffer, int length, bool detectSparse)
    {
        if (options.MaxDegreeOfParallelism == 1)
        {
            return Task.FromResult(StoredBlock.Create(buffer, length, compressor, detectSparse, options.BlockCache));
        }

        return Task.Factory.StartNew(
            () => StoredBlock.Create(buffer, length, compressor, detectSparse, options.BlockCache),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            scheduler);
    }

    /// <summary>
    /// Groups files that may be equal: their length and a fast, in-process hash of their bytes. Two
    /// files share data only after <see cref="SameContent"/> compared them byte for byte, so the key
    /// needs no collision resistance (a SHA-256 of every file cost the reader thread a tenth of the
    /// image's time). The same bytes hash the same in one process: chunks have a fixed size, a
    /// multiple of the 4 bytes <see cref="HashCode.AddBytes"/> takes at a time.
    /// </summary>
    private static (long, int) ContentKey(ReadOnlyMemory<byte>? whole, PlannedInode inode)
    {
        var hash = new HashCode();
        if (whole is { } bytes)
        {
            hash.AddBytes(bytes.Span);
            return (bytes.Length, hash.ToHashCode());
        }

        var buffer = ArrayPool<byte>.Shared.Rent(HashChunk);
        try
        {
            using var stream = inode.Node.Content!.OpenRead();
            long count = 0;
            int read;
            while ((read = stream.ReadAtLeast(buffer.AsSpan(0, HashChunk), HashChunk, throwOnEndOfStream: false)) > 0)
            {
                hash.AddBytes(buffer.AsSpan(0, read));
                count += read;
            }

            if (count != inode.Node.Content.Length)
            {
                throw LengthMismatch(inode, $"{count} bytes");
            }

            return (count, hash.ToHashCode());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Compares bytes, not only hashes, before two files share their data.</summary>
    private static bool SameContent(PlannedInode original, PlannedInode inode, byte[]? whole, long length)
    {
        using var a = original.Node.Content!.OpenRead();
        using var b = whole is null ? inode.Node.Content!.OpenRead() : new MemoryStream(whole, 0, (int)length, writable: false);
        var bufferA = ArrayPool<byte>.Shared.Rent(1 << 16);
        var bufferB = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (true)
            {
                var n = a.ReadAtLeast(bufferA.AsSpan(0, 1 << 16), 1 << 16, throwOnEndOfStream: false);
                var m = b.ReadAtLeast(bufferB.AsSpan(0, 1 << 16), 1 << 16, throwOnEndOfStream: false);
                if (n != m || !bufferA.AsSpan(0, n).SequenceEqual(bufferB.AsSpan(0, m)))
                {
                    return false;
                }

                if (n == 0)
                {
                    return true;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bufferA);
            ArrayPool<byte>.Shared.Return(bufferB);
        }
    }

    private static void ReadInto(Stream? stream, byte[]? whole, Span<byte> target, PlannedInode inode, long offset)
    {
        if (whole is not null)
        {
            whole.AsSpan((int)offset, target.Length).CopyTo(target);
        }
        else
        {
            ReadExactly(stream!, target, inode, offset);
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> target, PlannedInode inode, long offset)
    {
        var read = stream.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
        if (read < target.Length)
        {
            throw LengthMismatch(inode, $"{offset + read} bytes");
        }
    }

    private static InvalidDataException LengthMismatch(PlannedInode inode, string got) =>
        new($"The content of '{inode.Path}' gave {got}, but its declared length is {inode.Node.Content!.Length}; the source changed while the squashfs image was written. Rebuild the file tree from the current sources.");
}
