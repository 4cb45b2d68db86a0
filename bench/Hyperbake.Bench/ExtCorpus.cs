using Hyperbake.Imaging.Trees;

namespace Hyperbake.Bench;

/// <summary>
/// The ext4 bench corpus: files from /usr/share and /usr/lib, in ordinal order, staged into one
/// directory (so mke2fs -d and our writer read the same input), and read back as a FileTree.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class ExtCorpus
{
    /// <summary>Copies files until both limits are reached; unreadable files are skipped.</summary>
    public static (int Files, long Bytes) Stage(string target, long minBytes, int minFiles, IReadOnlyList<string> sources)
    {
        int files = 0;
        long bytes = 0;
        foreach (var source in sources)
        {
            var stack = new Stack<string>();
            stack.Push(source);
            while (stack.Count > 0 && (bytes < minBytes || files < minFiles))
            {
                var dir = stack.Pop();
                string[] children;
                try
                {
                    children = Directory.GetFileSystemEntries(dir);
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    continue;
                }

                Array.Sort(children, StringComparer.Ordinal);
                var staged = Path.Combine(target, Path.GetFileName(source), Path.GetRelativePath(source, dir));
                Directory.CreateDirectory(staged);
                foreach (var child in children.Reverse())
                {
                    var info = new FileInfo(child);
                    var to = Path.Combine(staged, info.Name);
                    try
                    {
                        if (info.LinkTarget is { } link)
                        {
                            File.CreateSymbolicLink(to, link);
                            files++;
                        }
                        else if (info.Attributes.HasFlag(FileAttributes.Directory))
                        {
                            stack.Push(child);
                        }
                        else if (info.Exists && (bytes < minBytes || files < minFiles))
                        {
                            File.Copy(child, to);
                            files++;
                            bytes += info.Length;
                        }
                    }
                    catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                    {
                        // Unreadable or special files (sockets, devices) are left out of the corpus.
                    }
                }
            }
        }

        return (files, bytes);
    }

    /// <summary>A FileTree of a host directory: modes, times, symlinks, file contents read lazily.</summary>
    public static FileTree Load(string root, long epoch)
    {
        var tree = new FileTree(epoch);
        var stack = new Stack<(DirectoryInfo Host, string Rel)>();
        stack.Push((new DirectoryInfo(root), ""));
        while (stack.Count > 0)
        {
            var (host, rel) = stack.Pop();
            foreach (var info in host.EnumerateFileSystemInfos())
            {
                var path = rel.Length == 0 ? info.Name : rel + "/" + info.Name;
                if (info.Attributes.HasFlag(FileAttributes.ReparsePoint) && info.LinkTarget is { } link)
                {
                    tree.AddSymlink(path, link);
                    continue;
                }

                var mode = (int)info.UnixFileMode & 0xFFF;
                var node = info is DirectoryInfo
                    ? tree.AddDirectory(path, mode)
                    : tree.AddFile(path, new HostFileContent(info.FullName), mode);
                node.ModificationTime = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds();
                if (info is DirectoryInfo d)
                {
                    stack.Push((d, path));
                }
            }
        }

        return tree;
    }
}
