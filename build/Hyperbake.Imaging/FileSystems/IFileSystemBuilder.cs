namespace Hyperbake.Imaging.FileSystems;

/// <summary>
/// What every filesystem writer offers the disk assembly: its size, computed from the layout
/// before a byte is written (so a disk's size is known up front, like EVE's <c>-C</c>), then
/// the bytes, streamed once.
/// </summary>
public interface IFileSystemBuilder
{
    /// <summary>Computes the layout (idempotent) and returns the image size in bytes.</summary>
    long ComputeSize();

    /// <summary>
    /// Writes exactly <see cref="ComputeSize"/> bytes to <paramref name="output"/>, whose position 0
    /// is the filesystem's first byte. The stream is seekable; regions the writer skips over are
    /// zero (they stay holes in a sparse target).
    /// </summary>
    void WriteTo(Stream output);
}
