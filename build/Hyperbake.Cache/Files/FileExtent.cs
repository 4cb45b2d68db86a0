namespace Hyperbake.Cache.Files;

/// <summary>A run of bytes a file stores (outside it, the file has holes that read as zeros).</summary>
public readonly record struct FileExtent(long Offset, long Length)
{
    public long End => Offset + Length;
}
