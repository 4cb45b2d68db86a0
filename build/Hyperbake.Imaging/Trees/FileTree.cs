namespace Hyperbake.Imaging.Trees;

/// <summary>
/// The one file-tree model every filesystem writer consumes. Paths are relative and
/// '/'-separated; missing parent directories are created with <see cref="DefaultDirectoryMode"/>
/// and the tree's default ownership and time. A path may never pass through a symlink.
/// </summary>
public sealed class FileTree
{
    public FileTree(long modificationTime = 0)
    {
        DefaultModificationTime = modificationTime;
        Root = FileNode.Directory();
        Root.ModificationTime = modificationTime;
    }

    public FileNode Root { get; }

    /// <summary>The time given to directories the tree creates implicitly (SOURCE_DATE_EPOCH).</summary>
    public long DefaultModificationTime { get; set; }

    public int DefaultDirectoryMode { get; set; } = 0x1ED;

    /// <summary>Adds (or replaces) the node at a path. Replacing a directory with a directory keeps its children.</summary>
    public FileNode Add(string path, FileNode node, string? origin = null)
    {
        var parts = FileTreePath.Split(path, origin);
        if (parts.Length == 0)
        {
            throw new FileTreeException($"Cannot replace the root directory{(origin is null ? "" : $" ({origin})")}.");
        }

        var parent = EnsureDirectory(parts.AsSpan(0, parts.Length - 1), path, origin);
        var name = parts[^1];
        if (parent.Children!.TryGetValue(name, out var existing) && existing.IsDirectory && node.IsDirectory && !ReferenceEquals(existing, node))
        {
            // A directory entry met again (tar lists a dir after its files): keep the children, take the metadata.
            existing.Mode = node.Mode;
            existing.WithMetadataOf(node);
            return existing;
        }

        parent.Children[name] = node;
        return node;
    }

    public FileNode AddDirectory(string path, int mode = 0x1ED, int uid = 0, int gid = 0) =>
        Add(path, Stamp(FileNode.Directory(mode), uid, gid));

    public FileNode AddFile(string path, IContentSource content, int mode = 0x1A4, int uid = 0, int gid = 0) =>
        Add(path, Stamp(FileNode.File(content, mode), uid, gid));

    public FileNode AddFile(string path, string text, int mode = 0x1A4, int uid = 0, int gid = 0) =>
        AddFile(path, BytesContent.FromText(text), mode, uid, gid);

    public FileNode AddSymlink(string path, string target, int uid = 0, int gid = 0) =>
        Add(path, Stamp(FileNode.Symlink(target), uid, gid));

    /// <summary>Makes <paramref name="path"/> a second name for the node at <paramref name="existingPath"/>.</summary>
    public FileNode AddHardLink(string path, string existingPath, string? origin = null)
    {
        var target = Find(existingPath) ?? throw new FileTreeException(
            $"Hard link '{path}'{(origin is null ? "" : $" in {origin}")} points to '{existingPath}', which is not in the tree (a hard link must follow its target).");
        if (target.IsDirectory)
        {
            throw new FileTreeException($"Hard link '{path}' points to directory '{existingPath}'; directories cannot be hard linked.");
        }

        return Add(path, target, origin);
    }

    /// <summary>The node at a path, or null. Does not follow symlinks.</summary>
    public FileNode? Find(string path)
    {
        var node = Root;
        foreach (var part in FileTreePath.Split(path))
        {
            if (node.Children is null || !node.Children.TryGetValue(part, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    /// <summary>Removes the entry at a path (and everything below it); true if it was there.</summary>
    public bool Remove(string path)
    {
        var parts = FileTreePath.Split(path);
        if (parts.Length == 0)
        {
            return false;
        }

        var parent = Find(string.Join('/', parts[..^1]));
        return parent?.Children?.Remove(parts[^1]) ?? false;
    }

    /// <summary>
    /// Every entry, parents before children, siblings in ordinal order, the root first (Path "").
    /// Deterministic, so writers that follow it produce identical bytes for identical trees.
    /// </summary>
    public IEnumerable<FileTreeEntry> Walk()
    {
        var stack = new Stack<FileTreeEntry>();
        stack.Push(new FileTreeEntry("", "", Root, null, 0));
        while (stack.Count > 0)
        {
            var entry = stack.Pop();
            yield return entry;
            if (entry.Node.Children is { } children)
            {
                foreach (var (name, child) in children.Reverse())
                {
                    var childPath = entry.Path.Length == 0 ? name : entry.Path + "/" + name;
                    stack.Push(new FileTreeEntry(childPath, name, child, entry.Node, entry.Depth + 1));
                }
            }
        }
    }

    /// <summary>How many names each node has (its link count as a filesystem would store it, directories excluded).</summary>
    public Dictionary<FileNode, int> CountNames()
    {
        var counts = new Dictionary<FileNode, int>(ReferenceEqualityComparer.Instance);
        foreach (var entry in Walk())
        {
            counts[entry.Node] = counts.TryGetValue(entry.Node, out var n) ? n + 1 : 1;
        }

        return counts;
    }

    /// <summary>Copies every entry of another tree over this one (later layers win), keeping hard links shared.</summary>
    public void Overlay(FileTree other)
    {
        foreach (var entry in other.Walk())
        {
            if (entry.Path.Length == 0)
            {
                continue;
            }

            if (entry.Node.IsDirectory)
            {
                var copy = FileNode.Directory(entry.Node.Mode).WithMetadataOf(entry.Node);
                Add(entry.Path, copy);
            }
            else
            {
                Add(entry.Path, entry.Node);
            }
        }
    }

    private FileNode EnsureDirectory(ReadOnlySpan<string> parts, string fullPath, string? origin)
    {
        var node = Root;
        var walked = "";
        foreach (var part in parts)
        {
            walked = walked.Length == 0 ? part : walked + "/" + part;
            if (node.Children!.TryGetValue(part, out var child))
            {
                if (child.Kind == FileNodeKind.Symlink)
                {
                    throw new FileTreeException(
                        $"Entry '{fullPath}'{(origin is null ? "" : $" in {origin}")} passes through symlink '{walked}'; entries may not be routed through a symlink.");
                }

                if (!child.IsDirectory)
                {
                    throw new FileTreeException(
                        $"Entry '{fullPath}'{(origin is null ? "" : $" in {origin}")} needs '{walked}' to be a directory, but it is a {child.Kind}.");
                }

                node = child;
            }
            else
            {
                var created = FileNode.Directory(DefaultDirectoryMode);
                created.ModificationTime = DefaultModificationTime;
                node.Children[part] = created;
                node = created;
            }
        }

        return node;
    }

    private FileNode Stamp(FileNode node, int uid, int gid)
    {
        node.Uid = uid;
        node.Gid = gid;
        node.ModificationTime = DefaultModificationTime;
        return node;
    }
}
