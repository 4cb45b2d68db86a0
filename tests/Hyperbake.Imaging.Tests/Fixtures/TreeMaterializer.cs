using System.Runtime.InteropServices;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Fixtures;

/// <summary>
/// Writes a file tree to a host directory with every property (owners, devices, fifos, hard
/// links, xattrs, mtimes), so reference tools (GNU tar, cpio, mcopy) can archive it. Needs root
/// for ownership and devices, which the test machine and CI have.
/// </summary>
public static class TreeMaterializer
{
    public static void Write(FileTree tree, string directory)
    {
        Directory.CreateDirectory(directory);
        var first = new Dictionary<FileNode, string>(ReferenceEqualityComparer.Instance);
        var directories = new List<(string Path, FileNode Node)>();
        foreach (var entry in tree.Walk())
        {
            var path = entry.Path.Length == 0 ? directory : Path.Combine(directory, entry.Path);
            var node = entry.Node;
            if (!node.IsDirectory && first.TryGetValue(node, out var existing))
            {
                Check(NativeMethods.link(existing, path), "link", path);
                continue;
            }

            first[node] = path;
            switch (node.Kind)
            {
                case FileNodeKind.Directory:
                    Directory.CreateDirectory(path);
                    directories.Add((path, node));
                    continue;
                case FileNodeKind.RegularFile:
                    using (var output = File.Create(path))
                    using (var input = node.Content!.OpenRead())
                    {
                        input.CopyTo(output);
                    }

                    break;
                case FileNodeKind.Symlink:
                    File.CreateSymbolicLink(path, node.SymlinkTarget!);
                    break;
                case FileNodeKind.CharDevice or FileNodeKind.BlockDevice or FileNodeKind.Fifo or FileNodeKind.Socket:
                    var dev = ((ulong)(node.DeviceMajor & 0xFFF) << 8) | ((ulong)(node.DeviceMajor & ~0xFFF) << 32) | (uint)(node.DeviceMinor & 0xFF) | ((ulong)(node.DeviceMinor & ~0xFF) << 12);
                    Check(NativeMethods.mknod(path, (uint)node.PosixMode, dev), "mknod", path);
                    break;
            }

            Finish(path, node);
        }

        // Directories last and deepest first, so creating their children does not change their mtime.
        for (var i = directories.Count - 1; i >= 0; i--)
        {
            Finish(directories[i].Path, directories[i].Node);
        }
    }

    private static void Finish(string path, FileNode node)
    {
        Check(NativeMethods.lchown(path, node.Uid, node.Gid), "lchown", path);
        if (node.Kind != FileNodeKind.Symlink)
        {
            // chmod after chown: chown clears setuid bits.
            Check(NativeMethods.chmod(path, (uint)node.Mode), "chmod", path);
        }

        foreach (var (name, value) in node.Xattrs)
        {
            Check(NativeMethods.lsetxattr(path, name, value, value.Length, 0), "lsetxattr", path);
        }

        var times = new long[] { node.ModificationTime, 0, node.ModificationTime, 0 };
        Check(NativeMethods.utimensat(-100, path, times, 0x100), "utimensat", path);
    }

    private static void Check(int result, string call, string path)
    {
        if (result != 0)
        {
            throw new IOException($"{call}({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

        [DllImport("libc", SetLastError = true)]
        public static extern int mknod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode, ulong dev);

        [DllImport("libc", SetLastError = true)]
        public static extern int lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int uid, int gid);

        [DllImport("libc", SetLastError = true)]
        public static extern int chmod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

        [DllImport("libc", SetLastError = true)]
        public static extern int lsetxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nint size, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int utimensat(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, long[] times, int flags);
    }
}
