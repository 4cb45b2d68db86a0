using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Finds where a sparse file holds data, with lseek's SEEK_DATA/SEEK_HOLE on Linux, so copying
/// a sparse image or scratch file skips its holes without reading their zeros. Elsewhere (or
/// when the filesystem cannot tell) the whole range counts as data.
/// </summary>
public static class FileDataExtents
{
    // Linux's lseek whence values and errno for "no data past this offset".
    private const int SeekData = 3;
    private const int SeekHole = 4;
    private const int NoSuchDeviceOrAddress = 6;

    /// <summary>
    /// The data ranges [Start, End) within [<paramref name="start"/>, <paramref name="end"/>), in
    /// increasing order. Holes are reported at the filesystem's block granularity; a range may
    /// still contain zeros.
    /// </summary>
    public static List<(long Start, long End)> Find(SafeFileHandle handle, long start, long end)
    {
        var result = new List<(long Start, long End)>();
        if (start >= end)
        {
            return result;
        }

        if (!OperatingSystem.IsLinux())
        {
            result.Add((start, end));
            return result;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            var at = start;
            while (at < end)
            {
                var data = NativeMethods.lseek(fd, at, SeekData);
                if (data < 0)
                {
                    if (Marshal.GetLastPInvokeError() == NoSuchDeviceOrAddress)
                    {
                        break; // only a hole (or the end of the file) follows
                    }

                    // The filesystem does not report holes: treat the rest as data.
                    result.Add((at, end));
                    break;
                }

                if (data >= end)
                {
                    break;
                }

                var hole = NativeMethods.lseek(fd, data, SeekHole);
                var stop = hole < 0 ? end : Math.Min(hole, end);
                result.Add((data, stop));
                at = stop;
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return result;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern long lseek(int fd, long offset, int whence);
    }
}
