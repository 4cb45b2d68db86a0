using System.IO.Compression;

namespace Hyperbake.Imaging.Archives.Tar;

/// <summary>How a file tree is written as a tar archive.</summary>
public sealed record TarWriteOptions
{
    /// <summary>Compress with gzip (deterministic header: mtime 0, no name).</summary>
    public bool Gzip { get; init; }

    public CompressionLevel GzipLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>Write the root directory as "./" (carries its mode and time); off by default like OCI layers.</summary>
    public bool IncludeRoot { get; init; }

    /// <summary>Optional user names by uid; archives hold numeric ids only unless given.</summary>
    public IReadOnlyDictionary<int, string>? UserNames { get; init; }

    /// <summary>Optional group names by gid.</summary>
    public IReadOnlyDictionary<int, string>? GroupNames { get; init; }
}
