using Hyperbake.Imaging.Trees;
using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Imaging.Archives.Streams;

/// <summary>
/// A temporary file that holds file contents taken out of a compressed archive, so a tree read
/// from a .tar.gz costs disk, not memory. The file is deleted when the last content slice that
/// refers to it is collected (the handle is opened delete-on-close).
/// </summary>
public sealed class SpoolFile
{
    private readonly SafeFileHandle _handle;
    private long _length;

    public SpoolFile(string? directory = null)
    {
        var path = Path.Combine(directory ?? Path.GetTempPath(), $"hyperbake-spool-{Guid.NewGuid():N}.tmp");
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    /// <summary>Copies exactly <paramref name="length"/> bytes from <paramref name="source"/> and returns them as lazy content.</summary>
    public IContentSource Append(Stream source, long length, Func<string> describe)
    {
        var start = _length;
        var buffer = new byte[(int)Math.Min(length, 1 << 20)];
        var left = length;
        while (left > 0)
        {
            var n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw new FileTreeException($"{describe()}: the archive ends inside the file's data ({length - left} of {length} bytes present).");
            }

            RandomAccess.Write(_handle, buffer.AsSpan(0, n), _length);
            _length += n;
            left -= n;
        }

        return new DelegateContent(length, () => new HandleSliceStream(_handle, false, start, length));
    }
}
