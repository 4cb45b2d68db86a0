using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Streams;

/// <summary>
/// Where a reader keeps the bytes of regular files it meets: slices of the archive itself when
/// it is an uncompressed file on disk, otherwise a spool file (small files stay in memory).
/// Either way nothing large is held in memory.
/// </summary>
internal sealed class ArchiveContentStore
{
    /// <summary>Files up to this size are kept in memory when spooling; larger ones go to disk.</summary>
    private const int InMemoryLimit = 16 * 1024;

    private readonly string? _archivePath;
    private SpoolFile? _spool;

    private ArchiveContentStore(string? archivePath) => _archivePath = archivePath;

    /// <summary>Contents become slices of <paramref name="path"/>, which must be the uncompressed archive the reader walks.</summary>
    public static ArchiveContentStore SliceOf(string path) => new(path);

    public static ArchiveContentStore Spooled() => new(null);

    /// <summary>Takes the next <paramref name="length"/> bytes of <paramref name="archive"/> (at <paramref name="offset"/> of the archive) as a file's content, consuming them.</summary>
    public IContentSource Take(Stream archive, long offset, long length, Func<string> describe)
    {
        if (length == 0)
        {
            return BytesContent.Empty;
        }

        if (_archivePath is { } path)
        {
            archive.Skip(length, describe);
            return new FileSliceContent(path, offset, length);
        }

        if (length <= InMemoryLimit)
        {
            return new BytesContent(archive.ReadExactly((int)length, describe));
        }

        _spool ??= new SpoolFile();
        return _spool.Append(archive, length, describe);
    }
}
