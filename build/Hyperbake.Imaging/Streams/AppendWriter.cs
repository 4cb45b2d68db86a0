namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Appends to a file through a <see cref="BackgroundFileWriter"/>, tracking the end offset, for
/// container writers that lay out data sequentially and patch a few tables at known offsets at
/// the end.
/// </summary>
public sealed class AppendWriter : IDisposable
{
    private readonly BackgroundFileWriter writer;

    public AppendWriter(Stream output, long start, int bufferSize = BackgroundFileWriter.DefaultBufferSize)
    {
        writer = new BackgroundFileWriter(output, bufferSize);
        Position = start;
    }

    /// <summary>The offset the next appended byte lands at.</summary>
    public long Position { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        writer.Write(Position, data);
        Position += data.Length;
    }

    /// <summary>Appends zeros up to the next multiple of <paramref name="alignment"/>.</summary>
    public void PadTo(long alignment)
    {
        var pad = (alignment - (Position % alignment)) % alignment;
        writer.WriteZeros(Position, pad);
        Position += pad;
    }

    /// <summary>Writes everything appended so far to the file and waits for it.</summary>
    public void Flush() => writer.Drain();

    /// <summary>Writes at a fixed offset below the current end (a table patched at the end).</summary>
    public void WriteAt(long offset, ReadOnlySpan<byte> data) => writer.Write(offset, data);

    public void Dispose() => writer.Dispose();
}
