namespace Hyperbake.Imaging.Trees.Readers;

/// <summary>
/// Reads a host directory into a <see cref="FileTree"/>: modes, owners, mtimes, symlinks (not
/// followed), hard links (by device and inode), devices, fifos, sockets and, on Linux, xattrs.
/// File contents stay on disk and are read when a writer streams them.
/// </summary>
public static class DirectoryTreeReader
{
    public static FileTree Read(string directory, DirectoryReadOptions? options = null)
    {
        var tree = new FileTree();
        Read(directory, tree, options);
        return tree;
    }

    /// <summary>Adds the contents of <paramref name="directory"/> onto <paramref name="tree"/>; the directory's own metadata goes to the root.</summary>
    public static void Read(string directory, FileTree tree, DirectoryReadOptions? options = null, string prefix = "")
    {
        options ??= new DirectoryReadOptions();
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new FileTreeException($"Directory '{full}' does not exist.");
        }

        var reader = new Reader(tree, options, OperatingSystem.IsLinux());
        var root = prefix.Length == 0 ? tree.Root : tree.Add(prefix, FileNode.Directory(), full);
        reader.Fill(root, full);
        reader.Walk(full, FileTreePath.Normalize(prefix));
    }

    private sealed class Reader(FileTree tree, DirectoryReadOptions options, bool linux)
    {
        private readonly Dictionary<(uint, uint, ulong), FileNode> _links = [];

        public void Walk(string hostDirectory, string treePath)
        {
            IEnumerable<string> names;
            try
            {
                names = Directory.EnumerateFileSystemEntries(hostDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FileTreeException($"Cannot list directory '{hostDirectory}': {e.Message}");
            }

            foreach (var name in names)
            {
                var hostPath = Path.Combine(hostDirectory, name);
                var path = treePath.Length == 0 ? name : treePath + "/" + name;
                var node = Node(hostPath, out var linkKey);
                if (linkKey is { } key)
                {
                    if (_links.TryGetValue(key, out var existing))
                    {
                        tree.Add(path, existing, hostDirectory);
                        continue;
                    }

                    _links[key] = node;
                }

                tree.Add(path, node, hostDirectory);
                if (node.IsDirectory)
                {
                    Walk(hostPath, path);
                }
            }
        }

        public void Fill(FileNode node, string hostPath)
        {
            if (linux)
            {
                var status = LinuxFileStatus.Get(hostPath);
                node.Mode = status.Mode & 0xFFF;
                Stamp(node, status.Uid, status.Gid, status.ModificationTime, hostPath);
            }
            else
            {
                node.Mode = OperatingSystem.IsWindows() ? 0x1ED : (int)File.GetUnixFileMode(hostPath);
                Stamp(node, 0, 0, new DateTimeOffset(Directory.GetLastWriteTimeUtc(hostPath)).ToUnixTimeSeconds(), hostPath);
            }
        }

        private FileNode Node(string hostPath, out (uint, uint, ulong)? linkKey)
        {
            linkKey = null;
            if (!linux)
            {
                return PortableNode(hostPath);
            }

            var status = LinuxFileStatus.Get(hostPath);
            var node = (status.Mode & 0xF000) switch
            {
                0x8000 => FileNode.File(new HostFileContent(hostPath, status.Size), status.Mode & 0xFFF),
                0xA000 => FileNode.Symlink(new FileInfo(hostPath).LinkTarget ?? ""),
                _ => FileNode.FromPosixMode(status.Mode, major: (int)status.RdevMajor, minor: (int)status.RdevMinor),
            };
            if (!node.IsDirectory && status.LinkCount > 1)
            {
                linkKey = (status.DevMajor, status.DevMinor, status.Inode);
            }

            Stamp(node, status.Uid, status.Gid, status.ModificationTime, hostPath);
            return node;
        }

        private FileNode PortableNode(string hostPath)
        {
            var info = new FileInfo(hostPath);
            FileNode node;
            if (info.LinkTarget is { } target)
            {
                node = FileNode.Symlink(target);
            }
            else if (info.Attributes.HasFlag(FileAttributes.Directory))
            {
                node = FileNode.Directory();
            }
            else
            {
                node = FileNode.File(new HostFileContent(hostPath));
            }

            if (!OperatingSystem.IsWindows() && node.Kind != FileNodeKind.Symlink)
            {
                node.Mode = (int)info.UnixFileMode;
            }

            Stamp(node, 0, 0, new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds(), hostPath);
            return node;
        }

        private void Stamp(FileNode node, int uid, int gid, long mtime, string hostPath)
        {
            (node.Uid, node.Gid) = options.Owner ?? (uid, gid);
            node.ModificationTime = options.ClampModificationTime is { } clamp ? Math.Min(mtime, clamp) : mtime;
            if (linux && options.ReadXattrs)
            {
                foreach (var (name, value) in LinuxFileStatus.GetXattrs(hostPath))
                {
                    node.Xattrs[name] = value;
                }
            }
        }
    }
}
