namespace Hyperbake.Imaging.Archives.Tar;

/// <summary>How a tar archive is read into a file tree.</summary>
public sealed record TarReadOptions
{
    /// <summary>Apply OCI layer whiteouts (<c>.wh.*</c>) to the tree instead of adding them as files.</summary>
    public bool ApplyWhiteouts { get; init; }

    /// <summary>The name used in error messages (defaults to the file name, or "tar stream").</summary>
    public string? ArchiveName { get; init; }
}
