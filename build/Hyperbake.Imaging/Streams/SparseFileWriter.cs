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

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>, seeking over all-zero aligned blocks.</summary>
    public static void Write(FileStream file, long offset, ReadOnlySpan<byte> data)
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

            RandomAccess.Write(file.SafeFileHandle, data[start..i], offset + start);
        }
    }
}
