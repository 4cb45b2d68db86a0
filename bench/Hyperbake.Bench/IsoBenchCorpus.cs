using Hyperbake.Imaging.Trees;

namespace Hyperbake.Bench;

/// <summary>
/// The ISO benchmark's input: whole subdirectories of /usr/share and /usr/lib, taken in name order
/// until the corpus holds enough bytes and files, so both writers get the very same files.
/// </summary>
internal sealed class IsoBenchCorpus
{
    /// <summary>Subdirectories bigger than this are passed over, so one huge library folder cannot be the corpus.</summary>
    private const long MaxDirectoryBytes = 120L << 20;

    private IsoBenchCorpus(List<(string IsoPath, string HostPath)> roots) => Roots = roots;

    /// <summary>Pairs of (path in the image, folder on this machine).</summary>
    public List<(string IsoPath, string HostPath)> Roots { get; }

    public static IsoBenchCorpus Select(long minBytes, int minFiles, out long bytes, out int files)
    {
        var roots = new List<(string, string)>();
        bytes = 0;
        files = 0;
        foreach (var top in new[] { "/usr/share", "/usr/lib" })
        {
            foreach (var sub in Directory.EnumerateDirectories(top).Order(StringComparer.Ordinal))
            {
                if (bytes >= minBytes && files >= minFiles)
                {
                    break;
                }

                if (new DirectoryInfo(sub).LinkTarget is not null)
                {
                    continue;
                }

                var tree = new FileTree();
                var (subBytes, subFiles) = Read(tree, "x", sub);
                if (subBytes > MaxDirectoryBytes || subFiles == 0)
                {
                    continue;
                }

                roots.Add(($"{Path.GetFileName(top)}/{Path.GetFileName(sub)}", sub));
                bytes += subBytes;
                files += subFiles;
            }
        }

        return new IsoBenchCorpus(roots);
    }

    /// <summary>Walks the corpus into a tree (this walk is part of the timed build, as xorriso's own walk is).</summary>
    public FileTree ToTree(long sourceDateEpoch)
    {
        var tree = new FileTree(sourceDateEpoch);
        foreach (var (isoPath, hostPath) in Roots)
        {
            Read(tree, isoPath, hostPath);
        }

        return tree;
    }

    /// <summary>A plain directory walk: regular files, directories and symlinks; anything unreadable is skipped.</summary>
    private static (long Bytes, int Files) Read(FileTree tree, string treePath, string hostPath)
    {
        long bytes = 0;
        var files = 0;
        var pending = new Stack<(string TreePath, DirectoryInfo Host)>();
        pending.Push((treePath, new DirectoryInfo(hostPath)));
        while (pending.Count > 0)
        {
            var (path, dir) = pending.Pop();
            tree.AddDirectory(path, (int)dir.UnixFileMode).ModificationTime = dir.LastWriteTimeUtc.Ticks / TimeSpan.TicksPerSecond - 62135596800L;
            IEnumerable<FileSystemInfo> children;
            try
            {
                children = dir.EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 }).ToList();
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children)
            {
                var childPath = path + "/" + child.Name;
                FileNode node;
                if (child.LinkTarget is { } target)
                {
                    node = tree.AddSymlink(childPath, target);
                }
                else if (child is DirectoryInfo sub)
                {
                    pending.Push((childPath, sub));
                    continue;
                }
                else if (child is FileInfo file && (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0 && file.UnixFileMode.HasFlag(UnixFileMode.UserRead))
                {
                    node = tree.AddFile(childPath, new HostFileContent(file.FullName), (int)file.UnixFileMode);
                    bytes += file.Length;
                    files++;
                }
                else
                {
                    continue;
                }

                node.ModificationTime = child.LastWriteTimeUtc.Ticks / TimeSpan.TicksPerSecond - 62135596800L;
            }
        }

        return (bytes, files);
    }
}
