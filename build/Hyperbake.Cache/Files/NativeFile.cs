using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hyperbake.Cache.Files;

/// <summary>
/// The few Linux file calls .NET does not offer: finding holes (<c>lseek</c> with SEEK_DATA/SEEK_HOLE),
/// cloning extents (the FICLONE ioctl of btrfs, XFS and bcachefs) and punching holes.
/// Every call reports failure instead of throwing, so callers fall back to plain reads and writes.
/// </summary>
internal static partial class NativeFile
{
    private const int SeekData = 3;
    private const int SeekHole = 4;

    /// <summary>_IOW(0x94, 9, int): share the source's extents with the destination.</summary>
    private const ulong FiClone = 0x40049409;

    private const int FallocKeepSize = 0x01;
    private const int FallocPunchHole = 0x02;

    public static bool IsLinux => OperatingSystem.IsLinux();

    /// <summary>Returned by <see cref="NextData"/> when no data follows the offset.</summary>
    public const long NoMoreData = -1;

    /// <summary>Returned when the file system (or OS) cannot say where holes are.</summary>
    public const long Unknown = -2;

    /// <summary>The next offset at or after <paramref name="offset"/> holding data, <see cref="NoMoreData"/> or <see cref="Unknown"/>.</summary>
    public static long NextData(SafeFileHandle file, long offset) => Seek(file, offset, SeekData);

    /// <summary>The next hole at or after <paramref name="offset"/> (the end of the file counts as one), or <see cref="Unknown"/>.</summary>
    public static long NextHole(SafeFileHandle file, long offset) => Seek(file, offset, SeekHole) is var hole and >= 0 ? hole : Unknown;

    /// <summary>Makes <paramref name="destination"/> share <paramref name="source"/>'s extents (a reflink); false when the file system cannot.</summary>
    public static bool TryClone(SafeFileHandle source, SafeFileHandle destination) =>
        IsLinux && Ioctl(Fd(destination), FiClone, Fd(source)) == 0;

    /// <summary>Deallocates a range, which then reads as zeros; false when the file system cannot.</summary>
    public static bool TryPunchHole(SafeFileHandle file, long offset, long length) =>
        IsLinux && length > 0 && Fallocate(Fd(file), FallocPunchHole | FallocKeepSize, offset, length) == 0;

    /// <summary>A second name for an existing file (a hard link); false when the file system refuses.</summary>
    public static bool TryLink(string existing, string newName) => !OperatingSystem.IsWindows() && Link(existing, newName) == 0;

    private static long Seek(SafeFileHandle file, long offset, int whence)
    {
        if (!IsLinux)
        {
            return Unknown;
        }

        var result = Lseek(Fd(file), offset, whence);
        return result >= 0 ? result : Marshal.GetLastPInvokeError() == ENXIO ? NoMoreData : Unknown;
    }

    private const int ENXIO = 6;

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Lseek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, ulong request, int argument);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string newName);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int Fallocate(int fd, int mode, long offset, long length);
}
