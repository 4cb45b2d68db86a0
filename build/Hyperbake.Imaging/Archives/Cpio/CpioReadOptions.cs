namespace Hyperbake.Imaging.Archives.Cpio;

/// <summary>How a cpio archive is read into a file tree.</summary>
public sealed record CpioReadOptions
{
    /// <summary>The name used in error messages (defaults to the file name, or "cpio stream").</summary>
    public string? ArchiveName { get; init; }
}
