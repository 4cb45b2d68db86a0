namespace Hyperbake.Imaging.Streams;

/// <summary>
/// A sink that can also hand out a seekable window onto a region ahead of the forward writes,
/// so a filesystem builder writes straight into its partition (a sparse raw file) with no
/// temporary copy.
/// </summary>
public interface IRandomAccessDiskImageSink : IDiskImageSink
{
    /// <summary>
    /// A seekable stream over [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>);
    /// forward writes resume after the window's end once it is disposed.
    /// </summary>
    Stream OpenWindow(long offset, long length);
}
