using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Hyperbake.Imaging.Trees.Readers;

/// <summary>
/// What lstat would tell, read with statx(2): its struct has the same layout on every Linux
/// architecture (unlike struct stat), so one P/Invoke serves amd64, arm64 and riscv64.
/// </summary>
internal readonly record struct LinuxFileStatus(
    int Mode, uint LinkCount, int Uid, int Gid, ulong Inode, long Size, long ModificationTime,
    uint RdevMajor, uint RdevMinor, uint DevMajor, uint DevMinor)
{
    /// <summary>Offsets in struct statx (linux/stat.h).</summary>
    private static class FieldLocations
    {
        public const int LinkCount = 16;
        public const int Uid = 20;
        public const int Gid = 24;
        public const int Mode = 28;
        public const int Inode = 32;
        public const int Size = 40;
        public const int ModificationTimeSeconds = 112;
        public const int RdevMajor = 128;
        public const int RdevMinor = 132;
        public const int DevMajor = 136;
        public const int DevMinor = 140;
        public const int StructLength = 256;
    }

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;

    public static LinuxFileStatus Get(string path)
    {
        var buffer = new byte[FieldLocations.StructLength];
        if (NativeMethods.statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new FileTreeException($"Cannot stat '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }

        ReadOnlySpan<byte> b = buffer;
        return new LinuxFileStatus(
            BinaryPrimitives.ReadUInt16LittleEndian(b[FieldLocations.Mode..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[FieldLocations.LinkCount..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(b[FieldLocations.Uid..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(b[FieldLocations.Gid..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[FieldLocations.Inode..]),
            BinaryPrimitives.ReadInt64LittleEndian(b[FieldLocations.Size..]),
            BinaryPrimitives.ReadInt64LittleEndian(b[FieldLocations.ModificationTimeSeconds..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[FieldLocations.RdevMajor..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[FieldLocations.RdevMinor..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[FieldLocations.DevMajor..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[FieldLocations.DevMinor..]));
    }

    /// <summary>The extended attributes of a path (not following symlinks); empty where the filesystem has none.</summary>
    public static SortedDictionary<string, byte[]> GetXattrs(string path)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var size = NativeMethods.llistxattr(path, null, 0);
        if (size <= 0)
        {
            return result;
        }

        var list = new byte[size];
        size = NativeMethods.llistxattr(path, list, size);
        if (size <= 0)
        {
            return result;
        }

        foreach (var name in System.Text.Encoding.UTF8.GetString(list, 0, (int)size).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var length = NativeMethods.lgetxattr(path, name, null, 0);
            if (length < 0)
            {
                continue; // removed meanwhile, or not readable by us
            }

            var value = new byte[length];
            length = NativeMethods.lgetxattr(path, name, value, length);
            result[name] = length == value.Length ? value : value[..(int)Math.Max(0, length)];
        }

        return result;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

        [DllImport("libc", SetLastError = true)]
        public static extern nint llistxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[]? list, nint size);

        [DllImport("libc", SetLastError = true)]
        public static extern nint lgetxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[]? value, nint size);
    }
}
