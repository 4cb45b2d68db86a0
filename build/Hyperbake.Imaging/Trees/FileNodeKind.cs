namespace Hyperbake.Imaging.Trees;

/// <summary>The kinds of inode a file tree holds; every filesystem writer maps these to its own.</summary>
public enum FileNodeKind
{
    Directory,
    RegularFile,
    Symlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
}
