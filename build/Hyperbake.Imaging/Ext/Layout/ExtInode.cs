using Hyperbake.Imaging.Ext.OnDisk;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Ext.Layout;

/// <summary>Everything the layout knows about one inode before its record is written.</summary>
internal sealed class ExtInode
{
    public required uint Number { get; init; }

    public required FileNodeKind Kind { get; init; }

    /// <summary>The tree node, or null for inodes the filesystem itself adds (journal, a made-up lost+found).</summary>
    public FileNode? Node { get; init; }

    /// <summary>The first path the inode was met at, for messages.</summary>
    public required string Path { get; init; }

    public required int Mode { get; init; }

    public int Uid { get; init; }

    public int Gid { get; init; }

    public long Time { get; init; }

    public int Links { get; set; }

    public long Size { get; set; }

    /// <summary>Names in this directory, in tree order (directories only).</summary>
    public List<DirectoryEntry>? Entries { get; set; }

    public uint ParentNumber { get; set; }

    public DirectoryLayout? Directory { get; set; }

    /// <summary>Data blocks, for inodes placed during layout (directories, long symlinks, the journal).</summary>
    public List<BlockRun>? Runs { get; set; }

    /// <summary>Extent-tree or indirect blocks for <see cref="Runs"/>.</summary>
    public long[]? MapBlocks { get; set; }

    /// <summary>i_block once the mapping is written.</summary>
    public byte[] Block { get; } = new byte[InodeRecord.BlockArraySize];

    /// <summary>Filesystem blocks the inode owns (data, mapping, xattr block), for i_blocks.</summary>
    public long BlocksUsed { get; set; }

    public ExtendedAttributes? Xattrs { get; set; }

    public bool XattrsInInode { get; set; }

    public long XattrBlock { get; set; }

    public uint Flags { get; set; }
}
