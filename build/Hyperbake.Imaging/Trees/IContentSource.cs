namespace Hyperbake.Imaging.Trees;

/// <summary>
/// The bytes of a regular file, opened only when a writer streams them, so a tree of
/// gigabytes costs no memory until it is written.
/// </summary>
public interface IContentSource
{
    /// <summary>The length in bytes; writers compute their layout from it before reading.</summary>
    long Length { get; }

    /// <summary>Opens a fresh read stream positioned at the start.</summary>
    Stream OpenRead();
}
