using System.Security.Cryptography;

namespace Hyperbake.Cache.Store;

/// <summary>
/// Copies a file while hashing it, leaving all-zero blocks as holes in the copy, so a 1 GiB
/// mostly-empty disk image costs its data, not its size.
/// </summary>
public static class SparseCopy
{
    private const int BlockSize = 1 << 20;

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> and returns the source's SHA-256.</summary>
    public static string CopyAndHash(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BlockSize];
        int read;
        while ((read = ReadBlock(input, buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            sha.AppendData(span);
            if (span.IndexOfAnyExcept((byte)0) < 0)
            {
                output.Seek(read, SeekOrigin.Current);
            }
            else
            {
                output.Write(span);
            }
        }

        output.SetLength(input.Length);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The SHA-256 of a file.</summary>
    public static string Hash(string path)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    private static int ReadBlock(Stream s, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = s.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
