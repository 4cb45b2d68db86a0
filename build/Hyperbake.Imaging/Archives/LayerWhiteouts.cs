using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives;

/// <summary>
/// OCI image layer semantics while a layer is read onto a tree: <c>.wh.&lt;name&gt;</c> deletes
/// the name from lower layers and <c>.wh..wh..opq</c> hides everything lower layers put in its
/// directory. Entries of the layer itself are never hidden by its own whiteouts, whatever their order.
/// </summary>
internal sealed class LayerWhiteouts(FileTree tree, string origin)
{
    public const string Prefix = ".wh.";
    public const string Opaque = ".wh..wh..opq";

    private readonly HashSet<string> _added = new(StringComparer.Ordinal);

    /// <summary>Records that this layer put <paramref name="path"/> (and implicitly its parents) in the tree.</summary>
    public void Added(string path)
    {
        while (path.Length > 0 && _added.Add(path))
        {
            var slash = path.LastIndexOf('/');
            path = slash < 0 ? "" : path[..slash];
        }
    }

    /// <summary>Applies a whiteout entry if <paramref name="path"/> is one; true when it was (the entry is then not added).</summary>
    public bool TryApply(string path)
    {
        var parts = FileTreePath.Split(path, origin);
        if (parts.Length == 0 || !parts[^1].StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var directory = string.Join('/', parts[..^1]);
        var parent = tree.Find(directory);
        if (parts[^1] == Opaque)
        {
            if (parent is { IsDirectory: true })
            {
                HideLower(parent, directory);
            }

            Added(directory);
            return true;
        }

        var victim = parts[^1][Prefix.Length..];
        if (victim.Length == 0)
        {
            throw new FileTreeException($"Whiteout '{path}' in {origin} names no file.");
        }

        var victimPath = directory.Length == 0 ? victim : directory + "/" + victim;
        if (!_added.Contains(victimPath))
        {
            tree.Remove(victimPath);
        }

        return true;
    }

    private void HideLower(FileNode directory, string path)
    {
        foreach (var (name, child) in directory.Children!.ToList())
        {
            var childPath = path.Length == 0 ? name : path + "/" + name;
            if (!_added.Contains(childPath))
            {
                directory.Children!.Remove(name);
            }
            else if (child.IsDirectory)
            {
                HideLower(child, childPath);
            }
        }
    }
}
