using System.Buffers;
using System.Buffers.Binary;
using Hyperbake.Imaging.SquashFs.Format;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// Builds one metadata table (inodes, directories, ids …): bytes go into 8 KiB payloads, each
/// stored as soon as it is full, so the stored offset of every block is known the moment a
/// byte lands in it and references can be handed out while writing. Never leaves a reference
/// with offset 8192: a full block is stored before the next byte's reference is taken.
/// </summary>
internal sealed class MetadataWriter(BlockCompressor compressor)
{
    private readonly MemoryStream _stored = new();
    private readonly byte[] _payload = new byte[MetadataBlock.PayloadSize];
    private readonly List<long> _blockStarts = [];
    private int _used;

    /// <summary>The stored offset (from the table start) of the block being filled.</summary>
    public long CurrentBlockStart => _stored.Length;

    /// <summary>The offset of the next byte inside the payload of the block being filled.</summary>
    public int CurrentOffset => _used;

    /// <summary>The reference (block start &lt;&lt; 16 | offset) of the next byte written.</summary>
    public ulong NextReference => MetadataBlock.Reference(CurrentBlockStart, _used);

    /// <summary>Bytes written so far, before compression.</summary>
    public long UncompressedLength => _blockStarts.Count * (long)MetadataBlock.PayloadSize + _used;

    /// <summary>The stored offset of each block, in order (complete after <see cref="Finish"/>).</summary>
    public IReadOnlyList<long> BlockStarts => _blockStarts;

    /// <summary>The stored bytes (complete after <see cref="Finish"/>).</summary>
    public long StoredLength => _stored.Length;

    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, MetadataBlock.PayloadSize - _used);
            data[..take].CopyTo(_payload.AsSpan(_used));
            _used += take;
            data = data[take..];
            if (_used == MetadataBlock.PayloadSize)
            {
                StoreBlock();
            }
        }
    }

    /// <summary>The stored offset of the block that holds the byte at an uncompressed position already written (or the next one).</summary>
    public long BlockStartOf(long uncompressedPosition)
    {
        var block = (int)(uncompressedPosition / MetadataBlock.PayloadSize);
        return block < _blockStarts.Count ? _blockStarts[block] : _stored.Length;
    }

    /// <summary>Stores the last, partial block.</summary>
    public void Finish()
    {
        if (_used > 0)
        {
            StoreBlock();
        }
    }

    public void CopyTo(Stream output)
    {
        _stored.Position = 0;
        _stored.CopyTo(output);
    }

    private void StoreBlock()
    {
        _blockStarts.Add(_stored.Length);
        var payload = _payload.AsSpan(0, _used);
        var compressed = ArrayPool<byte>.Shared.Rent(BlockCompressor.MaxCompressedLength(_used));
        try
        {
            var length = compressor.TryCompress(payload, compressed);
            Span<byte> header = stackalloc byte[MetadataBlock.HeaderSize];
            if (length < 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)(_used | MetadataBlock.UncompressedFlag));
                _stored.Write(header);
                _stored.Write(payload);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)length);
                _stored.Write(header);
                _stored.Write(compressed, 0, length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }

        _used = 0;
    }
}
