using System.Text;
using Hyperbake.Imaging.SquashFs.Format;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// The layout decided before any byte is written: inode numbers (in the order inodes will be
/// written: each directory after its contents, so the root comes last), link counts, the id
/// table, the distinct xattr sets, and the regular files whose data is stored, in order.
/// </summary>
internal sealed class InodePlan
{
    /// <summary>The longest symlink target the kernel accepts (PATH_MAX less the NUL).</summary>
    private const int MaxSymlinkTarget = 4095;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<FileNode, PlannedInode> _byNode = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FileNode, int> _names;
    private readonly Dictionary<uint, ushort> _idIndexes = [];
    private readonly Dictionary<string, uint> _xattrIndexes = new(StringComparer.Ordinal);

    private InodePlan(FileTree tree)
    {
        _names = tree.CountNames();
        Root = new PlannedInode(tree.Root, null, "") { Children = [] };
        _byNode.Add(tree.Root, Root);
        Visit(Root);
        foreach (var inode in Inodes)
        {
            Assign(inode);
        }
    }

    public PlannedInode Root { get; }

    /// <summary>Every inode, by number (index = number - 1).</summary>
    public List<PlannedInode> Inodes { get; } = [];

    /// <summary>Regular files with content, in inode order: the order their data is stored.</summary>
    public List<PlannedInode> RegularFiles { get; } = [];

    /// <summary>The id table: each distinct uid or gid once, in order of first use.</summary>
    public List<uint> Ids { get; } = [];

    /// <summary>The distinct xattr sets, in order of first use.</summary>
    public List<XattrEntry[]> XattrSets { get; } = [];

    public static InodePlan Create(FileTree tree) => new(tree);

    private void Visit(PlannedInode directory)
    {
        var children = new List<PlannedChild>(directory.Node.Children!.Count);
        foreach (var (name, node) in directory.Node.Children)
        {
            var bytes = EncodeName(name, directory, name);
            if (node.IsDirectory)
            {
                if (_byNode.ContainsKey(node))
                {
                    throw new FileTreeException($"Directory '{new PlannedInode(node, directory, name).Path}' is the same node as another directory in the tree; directories cannot be hard linked. Add a copy instead.");
                }

                var child = new PlannedInode(node, directory, name) { Children = [] };
                _byNode.Add(node, child);
                Visit(child);
                children.Add(new PlannedChild(bytes, child));
            }
            else
            {
                if (!_byNode.TryGetValue(node, out var child))
                {
                    child = new PlannedInode(node, directory, name);
                    _byNode.Add(node, child);
                    Number(child);
                }

                children.Add(new PlannedChild(bytes, child));
            }
        }

        // Listings are sorted by the bytes of the names (the kernel's strcmp), not by UTF-16 order.
        children.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        directory.Children!.AddRange(children);
        Number(directory);
    }

    private void Number(PlannedInode inode)
    {
        Inodes.Add(inode);
        inode.Number = (uint)Inodes.Count;
    }

    private void Assign(PlannedInode inode)
    {
        var node = inode.Node;
        inode.LinkCount = node.IsDirectory
            ? 2u + (uint)inode.Children!.Count(c => c.Inode.Node.IsDirectory)
            : (uint)_names[node];
        inode.UidIndex = IdIndex(node.Uid, "uid", inode);
        inode.GidIndex = IdIndex(node.Gid, "gid", inode);
        if (node.Xattrs.Count > 0)
        {
            inode.XattrIndex = XattrIndex(node, inode);
        }

        if (node.ModificationTime is < 0 or > uint.MaxValue)
        {
            throw new FileTreeException($"'{inode.Path}' has modification time {node.ModificationTime}, which squashfs cannot store; use 0 to {uint.MaxValue} (e.g. SOURCE_DATE_EPOCH).");
        }

        switch (node.Kind)
        {
            case FileNodeKind.RegularFile when (node.Content?.Length ?? 0) > 0:
                inode.FileOrdinal = RegularFiles.Count;
                RegularFiles.Add(inode);
                break;
            case FileNodeKind.CharDevice or FileNodeKind.BlockDevice when node.DeviceMajor is < 0 or > 0xFFF || node.DeviceMinor is < 0 or > 0xFFFFF:
                throw new FileTreeException($"Device '{inode.Path}' has numbers {node.DeviceMajor}:{node.DeviceMinor}; squashfs stores majors 0..4095 and minors 0..1048575.");
            case FileNodeKind.Symlink when string.IsNullOrEmpty(node.SymlinkTarget):
                throw new FileTreeException($"Symlink '{inode.Path}' has an empty target; give it the path it points to.");
            case FileNodeKind.Symlink when Encoding.UTF8.GetByteCount(node.SymlinkTarget!) > MaxSymlinkTarget:
                throw new FileTreeException($"Symlink '{inode.Path}' has a target of {Encoding.UTF8.GetByteCount(node.SymlinkTarget!)} bytes; Linux reads at most {MaxSymlinkTarget}. Shorten the target.");
        }
    }

    private ushort IdIndex(int id, string what, PlannedInode inode)
    {
        if (id < 0)
        {
            throw new FileTreeException($"'{inode.Path}' has {what} {id}; ids must be 0 or more.");
        }

        if (_idIndexes.TryGetValue((uint)id, out var index))
        {
            return index;
        }

        if (Ids.Count == ushort.MaxValue)
        {
            throw new FileTreeException($"'{inode.Path}' brings the number of distinct uids and gids past {ushort.MaxValue}, the most a squashfs id table holds; map owners to fewer ids.");
        }

        index = (ushort)Ids.Count;
        Ids.Add((uint)id);
        _idIndexes.Add((uint)id, index);
        return index;
    }

    private uint XattrIndex(FileNode node, PlannedInode inode)
    {
        var entries = node.Xattrs.Select(x => ToEntry(x.Key, x.Value, inode)).ToArray();
        var key = string.Join('\0', node.Xattrs.Select(x => x.Key + "\0" + Convert.ToBase64String(x.Value)));
        if (!_xattrIndexes.TryGetValue(key, out var index))
        {
            index = (uint)XattrSets.Count;
            XattrSets.Add(entries);
            _xattrIndexes.Add(key, index);
        }

        return index;
    }

    private static XattrEntry ToEntry(string name, byte[] value, PlannedInode inode)
    {
        (XattrPrefix Prefix, string Text)[] prefixes =
            [(XattrPrefix.User, "user."), (XattrPrefix.Trusted, "trusted."), (XattrPrefix.Security, "security.")];
        foreach (var (prefix, text) in prefixes)
        {
            if (name.StartsWith(text, StringComparison.Ordinal) && name.Length > text.Length)
            {
                var rest = Encoding.UTF8.GetBytes(name[text.Length..]);
                if (rest.Length > ushort.MaxValue)
                {
                    break;
                }

                return new XattrEntry(prefix, rest, value);
            }
        }

        throw new FileTreeException($"'{inode.Path}' has extended attribute '{name}', which squashfs cannot store; only user.*, trusted.* and security.* names are supported.");
    }

    private static byte[] EncodeName(string name, PlannedInode directory, string entry)
    {
        string Path() => new PlannedInode(FileNode.Fifo(), directory, entry).Path;
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(name);
        }
        catch (EncoderFallbackException)
        {
            throw new FileTreeException($"The name of '{Path()}' is not valid Unicode (a lone surrogate); names are stored as UTF-8.");
        }

        if (bytes.Length is 0 or > DirectoryEntry.MaxNameLength || name.Contains('/') || name.Contains('\0'))
        {
            throw new FileTreeException($"The name of '{Path()}' is {bytes.Length} bytes long or holds '/' or NUL; squashfs names are 1 to {DirectoryEntry.MaxNameLength} bytes of UTF-8 without '/' or NUL.");
        }

        return bytes;
    }
}
