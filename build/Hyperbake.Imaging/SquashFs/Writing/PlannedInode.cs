using Hyperbake.Imaging.SquashFs.Format;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>One inode of the image: its node, number, link count and, once written, its reference.</summary>
internal sealed class PlannedInode(FileNode node, PlannedInode? directory, string name)
{
    public FileNode Node { get; } = node;

    /// <summary>The first path that names the inode, for messages (built on demand: most inodes never need it).</summary>
    public string Path => directory is null ? "/" : directory.Directory is null ? "/" + name : directory.Path + "/" + name;

    /// <summary>The directory holding the first name of the inode (null for the root).</summary>
    public PlannedInode? Directory => directory;

    /// <summary>The containing directory of a directory (null for the root and for other kinds, which may have several).</summary>
    public PlannedInode? Parent => Node.IsDirectory ? directory : null;

    public uint Number { get; set; }

    public uint LinkCount { get; set; }

    public ushort UidIndex { get; set; }

    public ushort GidIndex { get; set; }

    public uint XattrIndex { get; set; } = DataBlock.NoXattr;

    /// <summary>The position in the list of regular files whose data is stored, or -1.</summary>
    public int FileOrdinal { get; set; } = -1;

    /// <summary>A directory's entries, sorted by the bytes of their UTF-8 names.</summary>
    public List<PlannedChild>? Children { get; init; }

    /// <summary>Where the inode sits in the inode table (set when written).</summary>
    public ulong Reference { get; set; }

    public bool IsWritten { get; set; }

    /// <summary>The basic type, which directory entries carry whatever form the inode takes.</summary>
    public InodeType BasicType => Node.Kind switch
    {
        FileNodeKind.Directory => InodeType.Directory,
        FileNodeKind.RegularFile => InodeType.File,
        FileNodeKind.Symlink => InodeType.Symlink,
        FileNodeKind.BlockDevice => InodeType.BlockDevice,
        FileNodeKind.CharDevice => InodeType.CharDevice,
        FileNodeKind.Fifo => InodeType.Fifo,
        FileNodeKind.Socket => InodeType.Socket,
        _ => throw new InvalidOperationException($"Unknown node kind {Node.Kind} at '{Path}'."),
    };
}

/// <summary>A name in a directory and the inode it names.</summary>
internal readonly record struct PlannedChild(byte[] Name, PlannedInode Inode);
