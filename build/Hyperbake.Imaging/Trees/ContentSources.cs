namespace Hyperbake.Imaging.Trees;

/// <summary>Content held in memory (small generated files: configs, scripts, boot files).</summary>
public sealed class BytesContent(byte[] bytes) : IContentSource
{
    public static readonly BytesContent Empty = new([]);

    public long Length => bytes.LongLength;

    public Stream OpenRead() => new MemoryStream(bytes, writable: false);

    public static BytesContent FromText(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}

/// <summary>Content read lazily from a file on the host.</summary>
public sealed class HostFileContent : IContentSource
{
    public HostFileContent(string path)
    {
        Path = path;
        Length = new FileInfo(path).Length;
    }

    /// <summary>For readers that already know the length (from their own stat), saving a second stat per file.</summary>
    public HostFileContent(string path, long length)
    {
        Path = path;
        Length = length;
    }

    public string Path { get; }

    public long Length { get; }

    public Stream OpenRead() =>
        new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}

/// <summary>
/// Bytes <see cref="Offset"/> to <see cref="Offset"/> + <see cref="Length"/> of a file on the host: a
/// member of an uncompressed archive, read in place. Where the file is content-addressed (a
/// package's decompressed data), the path, offset and length name the bytes without reading them.
/// </summary>
public sealed class FileSliceContent(string path, long offset, long length) : IContentSource
{
    public string Path { get; } = path;

    public long Offset { get; } = offset;

    public long Length { get; } = length;

    public Stream OpenRead() => Archives.Streams.HandleSliceStream.OpenFile(Path, Offset, Length);
}

/// <summary>Content produced by a factory, e.g. an image built elsewhere.</summary>
public sealed class DelegateContent(long length, Func<Stream> open) : IContentSource
{
    public long Length => length;

    public Stream OpenRead() => open();
}
