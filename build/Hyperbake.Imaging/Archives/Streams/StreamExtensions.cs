using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Streams;

/// <summary>Exact reads and skips over archive streams that may or may not seek.</summary>
internal static class StreamExtensions
{
    /// <summary>Skips <paramref name="count"/> bytes, seeking when possible; throws if the stream ends first.</summary>
    public static void Skip(this Stream stream, long count, Func<string> describe)
    {
        if (count <= 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length)
            {
                throw new FileTreeException($"{describe()}: the archive ends {stream.Position + count - stream.Length} bytes early.");
            }

            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var buffer = new byte[(int)Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0)
            {
                throw new FileTreeException($"{describe()}: the archive ends {count} bytes early.");
            }

            count -= n;
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false only when the stream is already at its end, throws when it ends part way.</summary>
    public static bool ReadBlock(this Stream stream, Span<byte> buffer, Func<string> describe)
    {
        var got = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            return false;
        }

        if (got < buffer.Length)
        {
            throw new FileTreeException($"{describe()}: the archive ends part way through a header ({got} of {buffer.Length} bytes).");
        }

        return true;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes into a new array (for names and small records only).</summary>
    public static byte[] ReadExactly(this Stream stream, int length, Func<string> describe)
    {
        var bytes = new byte[length];
        var got = stream.ReadAtLeast(bytes, length, throwOnEndOfStream: false);
        if (got < length)
        {
            throw new FileTreeException($"{describe()}: the archive ends early ({got} of {length} bytes).");
        }

        return bytes;
    }

    /// <summary>Copies exactly <paramref name="length"/> bytes from a content source, failing if it is shorter or longer than its declared length.</summary>
    public static void CopyContent(this IContentSource content, Stream output, string path, byte[] buffer)
    {
        using var input = content.OpenRead();
        var left = content.Length;
        while (left > 0)
        {
            var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw new FileTreeException($"File '{path}' is shorter than its declared {content.Length} bytes (its source changed after the tree was built).");
            }

            output.Write(buffer, 0, n);
            left -= n;
        }

        if (input.Read(buffer, 0, 1) != 0)
        {
            throw new FileTreeException($"File '{path}' is longer than its declared {content.Length} bytes (its source changed after the tree was built).");
        }
    }
}
