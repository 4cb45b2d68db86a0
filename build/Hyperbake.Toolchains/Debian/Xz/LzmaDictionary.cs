namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>
/// The LZ window: a circular buffer holding the last <c>dictionary size</c> bytes for matches to copy
/// from, and the bytes decoded but not yet read by the caller.
/// </summary>
internal sealed class LzmaDictionary(int capacity)
{
    private readonly byte[] buffer = new byte[capacity];
    private int position;
    private long total;
    private int unread;

    /// <summary>Bytes decoded since the last reset: a match may not reach further back.</summary>
    public long Filled => total;

    public int Unread => unread;

    public void Reset()
    {
        position = 0;
        total = 0;
    }

    public void Put(byte value)
    {
        buffer[position] = value;
        if (++position == buffer.Length)
        {
            position = 0;
        }

        total++;
        unread++;
    }

    /// <summary>The byte <paramref name="distance"/> positions back (1 = the last byte), 0 before any byte.</summary>
    public byte Get(int distance)
    {
        if (distance > total)
        {
            return 0;
        }

        var index = position - distance;
        return buffer[index < 0 ? index + buffer.Length : index];
    }

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="distance"/> back (distance may be shorter than length: a run).</summary>
    public void Copy(int distance, int length)
    {
        if (distance <= 0 || distance > total || distance > buffer.Length)
        {
            throw new XzFormatException($"Corrupt LZMA data: a match reaches {distance} bytes back, but only {Math.Min(total, buffer.Length)} are in the dictionary.");
        }

        var source = position - distance;
        if (source < 0)
        {
            source += buffer.Length;
        }

        // The fast path: neither side wraps and the regions do not overlap.
        if (source + length <= buffer.Length && position + length <= buffer.Length && (distance >= length))
        {
            Buffer.BlockCopy(buffer, source, buffer, position, length);
            position += length;
            if (position == buffer.Length)
            {
                position = 0;
            }
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                buffer[position] = buffer[source];
                if (++position == buffer.Length)
                {
                    position = 0;
                }

                if (++source == buffer.Length)
                {
                    source = 0;
                }
            }
        }

        total += length;
        unread += length;
    }

    /// <summary>Appends bytes that were stored uncompressed.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            Put(b);
        }
    }

    /// <summary>Moves decoded, unread bytes to <paramref name="destination"/>, oldest first.</summary>
    public int Read(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, unread);
        var start = position - unread;
        if (start < 0)
        {
            start += buffer.Length;
        }

        var first = Math.Min(count, buffer.Length - start);
        buffer.AsSpan(start, first).CopyTo(destination);
        buffer.AsSpan(0, count - first).CopyTo(destination[first..]);
        unread -= count;
        return count;
    }
}
