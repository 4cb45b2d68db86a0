using System.Buffers;
using System.Security.Cryptography;
using Hyperbake.Imaging.SquashFs.Format;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>A block as it will be stored: compressed, raw, or sparse (nothing stored). Owns a pooled buffer until written.</summary>
internal sealed class StoredBlock
{
    private StoredBlock(byte[]? buffer, int length, bool uncompressed, int rawLength, byte[]? sha256 = null)
    {
        Buffer = buffer;
        Length = length;
        Uncompressed = uncompressed;
        RawLength = rawLength;
        Sha256 = sha256;
    }

    public byte[]? Buffer { get; private set; }

    public int Length { get; }

    public bool Uncompressed { get; }

    /// <summary>The block's length before compression.</summary>
    public int RawLength { get; }

    /// <summary>The SHA-256 of the uncompressed bytes: the block's name in the block cache (null without one).</summary>
    public byte[]? Sha256 { get; }

    public bool IsSparse => Buffer is null;

    /// <summary>The word stored in a block list or fragment entry.</summary>
    public uint SizeWord => IsSparse ? 0 : (uint)Length | (Uncompressed ? DataBlock.UncompressedFlag : 0);

    public ReadOnlySpan<byte> Bytes => Buffer is null ? default : Buffer.AsSpan(0, Length);

    /// <summary>Compresses a block read into a pooled buffer, which this takes over; a block <paramref name="cache"/> knows is taken from it.</summary>
    public static StoredBlock Create(byte[] input, int length, BlockCompressor compressor, bool detectSparse, ISquashFsBlockCache? cache = null)
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
        var sha256 = cache is null ? null : SHA256.HashData(input.AsSpan(0, length));
        var known = sha256 is null ? -1 : cache!.Find(sha256, output);
        var compressed = known switch
        {
            > 0 => known,
            0 => -1, // stored uncompressed last time: compressing again would not help either
            _ => compressor.TryCompress(input.AsSpan(0, length), output),
        };
        if (compressed < 0)
        {
            ArrayPool<byte>.Shared.Return(output);
            return new StoredBlock(input, length, true, length, sha256);
        }

        ArrayPool<byte>.Shared.Return(input);
        return new StoredBlock(output, compressed, false, length, sha256);
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
