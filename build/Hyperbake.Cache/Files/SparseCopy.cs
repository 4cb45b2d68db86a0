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

    /// <summary>Zero runs this long (and aligned to it) inside data are left as holes; a multiple of every common block size.</summary>
    private const int HoleGranularity = 64 << 10;

    private static readonly byte[] Zeros = new byte[ChunkSize];

    /// <summary>Copies <paramref name="source"/> to a new file <paramref name="destination"/> and returns the source's SHA-256.</summary>
    public static string CopyAndHash(string source, string destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Copy(source, destination, sha);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Copies <paramref name="source"/> to a new file <paramref name="destination"/> (zero runs become holes) without hashing it.</summary>
    public static void Copy(string source, string destination) => Copy(source, destination, null);

    private static void Copy(string source, string destination, IncrementalHash? sha)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var output = File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var length = RandomAccess.GetLength(input);
        ForEachChunk(input, length, sha, (chunk, offset) =>
        {
            for (var i = 0; i < chunk.Length; i += HoleGranularity)
            {
                var piece = chunk.Slice(i, Math.Min(HoleGranularity, chunk.Length - i));
                if (piece.ContainsAnyExcept((byte)0))
                {
                    RandomAccess.Write(output, piece, offset + i);
                }
            }
        });
        RandomAccess.SetLength(output, length);
    }

    /// <summary>The SHA-256 of a file's content, reading only its data extents.</summary>
    public static string Hash(string path)
    {
        using var input = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ForEachChunk(input, RandomAccess.GetLength(input), sha, null);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// The digest of a file as stored: its length, where its data extents are and their bytes.
    /// It changes with any byte of the content (a byte written into a hole allocates a block,
    /// which moves the extents), yet costs only the data to compute.
    /// </summary>
    public static string StoredDigest(string path) => CopyExtents(path, null);

    /// <summary>
    /// Copies a file's data extents to a new file <paramref name="destination"/> (same holes) and
    /// returns the source's <see cref="StoredDigest"/>, computed from the very bytes copied.
    /// </summary>
    public static string CopyExtents(string source, string? destination)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var output = destination is null ? null : File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = RandomAccess.GetLength(input);
        var extents = FileExtents.Data(input, length);
        Span<byte> header = stackalloc byte[16];
        BitConverter.TryWriteBytes(header, length);
        digest.AppendData("hyperbake-extents-v1"u8);
        digest.AppendData(header[..8]);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            foreach (var extent in extents)
            {
                BitConverter.TryWriteBytes(header, extent.Offset);
                BitConverter.TryWriteBytes(header[8..], extent.Length);
                digest.AppendData(header);
                for (var offset = extent.Offset; offset < extent.End;)
                {
                    var chunk = buffer.AsSpan(0, (int)Math.Min(ChunkSize, extent.End - offset));
                    ReadExactly(input, chunk, offset);
                    digest.AppendData(chunk);
                    if (output is not null)
                    {
                        RandomAccess.Write(output, chunk, offset);
                    }

                    offset += chunk.Length;
                }
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
    private static void ForEachChunk(SafeFileHandle input, long length, IncrementalHash? sha, ChunkAction? onData)
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
                    sha?.AppendData(chunk);
                    onData?.Invoke(chunk, offset);
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

    private delegate void ChunkAction(ReadOnlySpan<byte> chunk, long offset);

    private static void HashZeros(IncrementalHash? sha, long count)
    {
        for (; sha is not null && count > 0; count -= ChunkSize)
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
