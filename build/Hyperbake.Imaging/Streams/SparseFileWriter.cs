namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Writes to a file while leaving all-zero, block-aligned runs as holes: it seeks over them
/// instead of writing, and the caller sets the final length at the end. On Linux filesystems
/// the skipped ranges cost no disk blocks; elsewhere they simply read back as zero.
/// </summary>
public static class SparseFileWriter
{
    /// <summary>The hole granularity: the usual filesystem block size.</summary>
    public const int HoleBlockSize = 4096;

    /// <summary>Receives one run of data to write at a file offset; the span is only valid during the call.</summary>
    public delegate void RunHandler(long offset, ReadOnlySpan<byte> run);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>, seeking over all-zero aligned blocks.</summary>
    public static void Write(FileStream file, long offset, ReadOnlySpan<byte> data) =>
        ForEachDataRun(offset, data, (at, run) => RandomAccess.Write(file.SafeFileHandle, run, at));

    /// <summary>
    /// Splits <paramref name="data"/> (bound for <paramref name="offset"/>) into the runs that hold a
    /// non-zero byte, on the file's block grid, and hands each to <paramref name="write"/>.
    /// </summary>
    public static void ForEachDataRun(long offset, ReadOnlySpan<byte> data, RunHandler write)
    {
        var i = 0;
        while (i < data.Length)
        {
            // Chunk boundaries follow the file's block grid, so a hole is a whole filesystem block.
            var chunkLength = (int)Math.Min(HoleBlockSize - ((offset + i) % HoleBlockSize), data.Length - i);
            if (ZeroDetector.IsZero(data.Slice(i, chunkLength)))
            {
                i += chunkLength;
                continue;
            }

            // Extend the run over following non-zero blocks so large content goes out in one call.
            var start = i;
            i += chunkLength;
            while (i < data.Length)
            {
                var n = Math.Min(HoleBlockSize, data.Length - i);
                if (ZeroDetector.IsZero(data.Slice(i, n)))
                {
                    break;
                }

                i += n;
            }

            write(offset + start, data[start..i]);
        }
    }
}
