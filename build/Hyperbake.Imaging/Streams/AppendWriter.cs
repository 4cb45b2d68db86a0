namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Appends to a file through one large buffer, tracking the end offset, for container writers
/// that lay out data sequentially and patch a few tables at known offsets at the end.
/// </summary>
public sealed class AppendWriter
{
    private readonly Stream output;
    private readonly byte[] buffer;
    private int used;
    private long flushed;

    public AppendWriter(Stream output, long start, int bufferSize = 1 << 20)
    {
        this.output = output;
        flushed = start;
        buffer = new byte[bufferSize];
    }

    /// <summary>The offset the next appended byte lands at.</summary>
    public long Position => flushed + used;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length >= buffer.Length)
        {
            Flush();
            output.Position = flushed;
            output.Write(data);
            flushed += data.Length;
            return;
        }

        if (used + data.Length > buffer.Length)
        {
            Flush();
        }

        data.CopyTo(buffer.AsSpan(used));
        used += data.Length;
    }

    /// <summary>Appends zeros up to the next multiple of <paramref name="alignment"/>.</summary>
    public void PadTo(long alignment)
    {
        var pad = (int)((alignment - (Position % alignment)) % alignment);
        while (pad > 0)
        {
            var n = Math.Min(pad, buffer.Length - used);
            if (n == 0)
            {
                Flush();
                continue;
            }

            buffer.AsSpan(used, n).Clear();
            used += n;
            pad -= n;
        }
    }

    public void Flush()
    {
        if (used == 0)
        {
            return;
        }

        output.Position = flushed;
        output.Write(buffer, 0, used);
        flushed += used;
        used = 0;
    }

    /// <summary>Writes at a fixed offset below the current end (a table patched at the end).</summary>
    public void WriteAt(long offset, ReadOnlySpan<byte> data)
    {
        Flush();
        output.Position = offset;
        output.Write(data);
    }
}
