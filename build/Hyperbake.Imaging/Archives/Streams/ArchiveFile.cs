using System.IO.Compression;
using Hyperbake.Imaging.Archives.Compression;

namespace Hyperbake.Imaging.Archives.Streams;

/// <summary>
/// The archive plumbing the tar and cpio tree readers and writers share: opening an archive file
/// (decompressed when it is compressed, its contents then spooled; served as slices of the file
/// itself, no copy, when it is not) and writing entries, gzipped when asked.
/// </summary>
internal static class ArchiveFile
{
    public static void Read(string path, string archiveName, Action<Stream, ArchiveContentStore> read)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var (compression, stream) = CompressionDetector.Sniff(file, archiveName);
        using (stream)
        {
            read(stream, compression == ArchiveCompression.None ? ArchiveContentStore.SliceOf(Path.GetFullPath(path)) : ArchiveContentStore.Spooled());
        }
    }

    /// <summary>
    /// Runs <paramref name="writeEntries"/> on <paramref name="output"/>, through a deterministic gzip
    /// stream when <paramref name="gzip"/> is set (completed before this returns; the output stays open).
    /// </summary>
    public static void Write(Stream output, bool gzip, CompressionLevel level, Action<Stream> writeEntries)
    {
        if (!gzip)
        {
            writeEntries(output);
            return;
        }

        using var compressed = new DeterministicGzipStream(output, level, leaveOpen: true);
        writeEntries(compressed);
    }
}
