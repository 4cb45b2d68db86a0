using System.Buffers;
using Hyperbake.Imaging.SquashFs.Format;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>A block as it will be stored: compressed, raw, or sparse (nothing stored). Owns a pooled buffer until written.</summary>
internal sealed class StoredBlock
{
    private StoredBlock(byte[]? buffer, int length, bool uncompressed, int rawLength)
    {
        Buffer = buffer;
        Length = length;
        Uncompressed = uncompressed;
        RawLength = rawLength;
    }

    public byte[]? Buffer { get; private set; }

    public int Length { get; }

    public bool Uncompressed { get; }

    /// <summary>The block's length before compression.</summary>
    public int RawLength { get; }

    public bool IsSparse => Buffer is null;

    /// <summary>The word stored in a block list or fragment entry.</summary>
    public uint SizeWord => IsSparse ? 0 : (uint)Length | (Uncompressed ? DataBlock.UncompressedFlag : 0);

    public ReadOnlySpan<byte> Bytes => Buffer is null ? default : Buffer.AsSpan(0, Length);

    /// <summary>Compresses a block read into a pooled buffer, which this takes over.</summary>
    public static StoredBlock Create(byte[] input, int length, BlockCompressor compressor, bool detectSparse)
    {
        if (detectSparse && !input.AsSpan(0, length).ContainsAnyExcept((byte)0))
        {
            ArrayPool<byte>.Shared.Return(input);
            return new StoredBlock(null, 0, false, length);
        }

        if (compressor.Compression == SquashFsCompression.None)
        {
            return new StoredBlock(input, length, true, length);
        }

        var output = ArrayPool<byte>.Shared.Rent(BlockCompressor.MaxCompressedLength(length));
        var compressed = compressor.TryCompress(input.AsSpan(0, length), output);
        if (compressed < 0)
        {
            ArrayPool<byte>.Shared.Return(output);
            return new StoredBlock(input, length, true, length);
        }

        ArrayPool<byte>.Shared.Return(input);
        return new StoredBlock(output, compressed, false, length);
    }

    public void Release()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = null;
        }
    }
}
