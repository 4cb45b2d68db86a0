using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Cache.Files;

/// <summary>
/// Copies and hashes files by their data extents: holes are neither read nor written (they are
/// hashed from a zero buffer), and zero runs inside data become holes in the copy, so a 1 GiB
/// mostly-empty disk image costs its data, not its size.
/// </summary>
public static class SparseCopy
{
    private const int ChunkSize = 1 << 20;

    /// <summary>The grain of holes in copies and of the stored digest: a multiple of every common block size, and a divisor of <see cref="ChunkSize"/>.</summary>
    private const int PieceSize = 64 << 10;

    private static readonly byte[] Zeros = new byte[ChunkSize];

    /// <summary>The SHA-256 of a file's content, reading only its data extents.</summary>
    public static string Hash(string path)
    {
        using var input = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        return Hash(input);
    }

    /// <summary>The SHA-256 of an open file's content (from its start, whatever it is named meanwhile).</summary>
    public static string Hash(SafeFileHandle input)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ForEachChunk(input, RandomAccess.GetLength(input), sha);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// Files up to this size are digested as their SHA-256: one hash then names a cached copy and
    /// checks it, where two (the name, the pieces) cost a tenth of an inner-loop build.
    /// </summary>
    public const long PlainDigestLimit = 64L << 20;

    /// <summary>
    /// The digest of a file as stored. Up to <see cref="PlainDigestLimit"/>, its SHA-256 (the same as
    /// <see cref="Hash(string)"/>). Beyond, its length and every 64 KiB piece (aligned) that is not
    /// all zero, with its offset: it changes with any byte of the content, yet costs only the file's
    /// data to compute (holes are not read), so a 1 GiB sparse disk image is not hashed in full.
    /// Either way it is the same for a file and its sparse copy however the file system lays out
    /// their holes.
    /// </summary>
    public static string StoredDigest(string path) => CopyExtents(path, null);

    /// <summary>
    /// Copies a file's data to a new file <paramref name="destination"/> (holes, and 64 KiB pieces
    /// of zeros inside data, become holes) and returns the <see cref="StoredDigest"/> of both,
    /// computed from the very bytes copied.
    /// </summary>
    public static string CopyExtents(string source, string? destination)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var output = destination is null ? null : File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = RandomAccess.GetLength(input);
        var plain = length <= PlainDigestLimit;
        Span<byte> header = stackalloc byte[8];
        if (!plain)
        {
            BitConverter.TryWriteBytes(header, length);
            digest.AppendData("hyperbake-pieces-v1"u8);
            digest.AppendData(header);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var hashed = 0L;
            foreach (var range in PieceRanges(FileExtents.Data(input, length), length))
            {
                if (plain)
                {
                    HashZeros(digest, range.Offset - hashed);
                    hashed = range.End;
                }

                for (var offset = range.Offset; offset < range.End;)
                {
                    var chunk = buffer.AsSpan(0, (int)Math.Min(ChunkSize, range.End - offset));
                    ReadExactly(input, chunk, offset);
                    if (plain)
                    {
                        digest.AppendData(chunk);
                    }

                    for (var at = 0; at < chunk.Length; at += PieceSize)
                    {
                        var piece = chunk.Slice(at, Math.Min(PieceSize, chunk.Length - at));
                        if (!piece.ContainsAnyExcept((byte)0))
                        {
                            continue;
                        }

                        if (!plain)
                        {
                            BitConverter.TryWriteBytes(header, offset + at);
                            digest.AppendData(header);
                            digest.AppendData(piece);
                        }

                        if (output is not null)
                        {
                            RandomAccess.Write(output, piece, offset + at);
                        }
                    }

                    offset += chunk.Length;
                }
            }

            if (plain)
            {
                HashZeros(digest, length - hashed);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (output is not null)
        {
            RandomAccess.SetLength(output, length);
        }

        return Convert.ToHexStringLower(digest.GetHashAndReset());
    }

    /// <summary>The data extents widened to whole pieces and merged: what must be read to see every non-zero piece.</summary>
    private static IEnumerable<FileExtent> PieceRanges(IReadOnlyList<FileExtent> extents, long length)
    {
        var start = -1L;
        var end = -1L;
        foreach (var extent in extents)
        {
            var from = extent.Offset / PieceSize * PieceSize;
            var to = Math.Min(length, (extent.End + PieceSize - 1) / PieceSize * PieceSize);
            if (start >= 0 && from <= end)
            {
                end = Math.Max(end, to);
                continue;
            }

            if (start >= 0)
            {
                yield return new FileExtent(start, end - start);
            }

            (start, end) = (from, to);
        }

        if (start >= 0)
        {
            yield return new FileExtent(start, end - start);
        }
    }

    /// <summary>Makes <paramref name="destination"/> (new) share <paramref name="source"/>'s blocks; false (and no file left) when the file system cannot reflink.</summary>
    public static bool TryClone(string source, string destination)
    {
        if (!NativeFile.IsLinux)
        {
            return false;
        }

        bool cloned;
        using (var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var output = File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            cloned = NativeFile.TryClone(input, output);
        }

        if (!cloned)
        {
            File.Delete(destination);
        }

        return cloned;
    }

    /// <summary>Deallocates a range of an open file when the file system can; otherwise writes zeros over it.</summary>
    public static void Zero(SafeFileHandle file, long offset, long length)
    {
        if (NativeFile.TryPunchHole(file, offset, length))
        {
            return;
        }

        for (var done = 0L; done < length; done += ChunkSize)
        {
            RandomAccess.Write(file, Zeros.AsSpan(0, (int)Math.Min(ChunkSize, length - done)), offset + done);
        }
    }

    /// <summary>Reads the data extents in chunks (each given to <paramref name="onData"/>) and feeds the whole content, holes as zeros, to <paramref name="sha"/> when given.</summary>
    private static void ForEachChunk(SafeFileHandle input, long length, IncrementalHash sha)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var position = 0L;
            foreach (var extent in FileExtents.Data(input, length))
            {
                HashZeros(sha, extent.Offset - position);
                for (var offset = extent.Offset; offset < extent.End;)
                {
                    var chunk = buffer.AsSpan(0, (int)Math.Min(ChunkSize, extent.End - offset));
                    ReadExactly(input, chunk, offset);
                    sha.AppendData(chunk);
                    offset += chunk.Length;
                }

                position = extent.End;
            }

            HashZeros(sha, length - position);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void HashZeros(IncrementalHash sha, long count)
    {
        for (; count > 0; count -= ChunkSize)
        {
            sha.AppendData(Zeros, 0, (int)Math.Min(ChunkSize, count));
        }
    }

    private static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var n = RandomAccess.Read(file, buffer, offset);
            if (n == 0)
            {
                throw new IOException("The file became shorter while it was read.");
            }

            buffer = buffer[n..];
            offset += n;
        }
    }
}
