using Hyperbake.Imaging.Trees;

namespace Hyperbake.Bench;

/// <summary>
/// A copy-free FileTree view of host directories for the benchmark: regular files read in
/// place, symlinks, directories; anything unreadable is skipped. Owners are left at root
/// (the corpus is /usr, which root owns).
/// </summary>
internal static class SquashFsHostTree
{
    public static (FileTree Tree, int Files, long Bytes) Read(IEnumerable<(string Source, string Target)> roots)
    {
        var tree = new FileTree();
        var files = 0;
        long bytes = 0;
        foreach (var (source, target) in roots)
        {
            var stack = new Stack<(DirectoryInfo Dir, string Path)>();
            stack.Push((new DirectoryInfo(source), target));
            if (target.Length > 0)
            {
                tree.AddDirectory(target);
            }

            while (stack.Count > 0)
            {
                var (dir, path) = stack.Pop();
                FileSystemInfo[] entries;
                try
                {
                    entries = dir.GetFileSystemInfos();
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    continue;
                }

                foreach (var entry in entries)
                {
                    var childPath = path.Length == 0 ? entry.Name : path + "/" + entry.Name;
                    try
                    {
                        var mode = (int)entry.UnixFileMode;
                        var mtime = new DateTimeOffset(entry.LastWriteTimeUtc).ToUnixTimeSeconds();
                        if (entry.LinkTarget is { } link)
                        {
                            tree.AddSymlink(childPath, link).ModificationTime = mtime;
                        }
                        else if (entry is DirectoryInfo sub)
                        {
                            var node = tree.AddDirectory(childPath, mode);
                            node.ModificationTime = mtime;
                            stack.Push((sub, childPath));
                        }
                        else if (entry is FileInfo file && (file.Attributes & FileAttributes.Device) == 0)
                        {
                            using (File.OpenHandle(file.FullName))
                            {
                            }

                            var node = tree.AddFile(childPath, new HostFileContent(file.FullName), mode);
                            node.ModificationTime = mtime;
                            files++;
                            bytes += file.Length;
                        }
                    }
                    catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                    {
                    }
                }
            }
        }

        return (tree, files, bytes);
    }
}
