using Hyperbake.Imaging.Archives.Compression;

namespace Hyperbake.Imaging.Archives.Streams;

/// <summary>
/// Opens an archive file for a tree reader: decompressed when it is compressed, its contents then
/// spooled; served as slices of the file itself (no copy) when it is not.
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
}
