namespace Hyperbake.Imaging.Trees;

/// <summary>
/// One inode. A node reached by two paths is a hard link: writers detect it by reference
/// (<see cref="ReferenceEqualityComparer"/>), so link counts are never stored, only derived.
/// </summary>
public sealed class FileNode
{
    private FileNode(FileNodeKind kind) => Kind = kind;

    public FileNodeKind Kind { get; }

    /// <summary>Permission bits including setuid, setgid and sticky (0..07777); the type bits are derived from <see cref="Kind"/>.</summary>
    public int Mode { get; set; }

    public int Uid { get; set; }

    public int Gid { get; set; }

    /// <summary>Modification time in seconds since the Unix epoch.</summary>
    public long ModificationTime { get; set; }

    /// <summary>Extended attributes by full name (<c>user.x</c>, <c>security.capability</c>), ordinal order.</summary>
    public SortedDictionary<string, byte[]> Xattrs { get; } = new(StringComparer.Ordinal);

    /// <summary>The bytes of a regular file.</summary>
    public IContentSource? Content { get; set; }

    /// <summary>The target of a symlink, stored as written.</summary>
    public string? SymlinkTarget { get; set; }

    public int DeviceMajor { get; set; }

    public int DeviceMinor { get; set; }

    /// <summary>Children of a directory by name, ordinal order so every walk is deterministic.</summary>
    public SortedDictionary<string, FileNode>? Children { get; private init; }

    public bool IsDirectory => Kind == FileNodeKind.Directory;

    /// <summary>The length of the file's bytes (0 for all but regular files and symlinks).</summary>
    public long Size => Kind switch
    {
        FileNodeKind.RegularFile => Content?.Length ?? 0,
        FileNodeKind.Symlink => System.Text.Encoding.UTF8.GetByteCount(SymlinkTarget ?? ""),
        _ => 0,
    };

    /// <summary>The POSIX st_mode: type bits plus permission bits.</summary>
    public int PosixMode => Mode & 0xFFF | Kind switch
    {
        FileNodeKind.Directory => 0x4000,
        FileNodeKind.RegularFile => 0x8000,
        FileNodeKind.Symlink => 0xA000,
        FileNodeKind.CharDevice => 0x2000,
        FileNodeKind.BlockDevice => 0x6000,
        FileNodeKind.Fifo => 0x1000,
        FileNodeKind.Socket => 0xC000,
        _ => 0,
    };

    public static FileNode Directory(int mode = 0x1ED) =>
        new(FileNodeKind.Directory) { Mode = mode, Children = new SortedDictionary<string, FileNode>(StringComparer.Ordinal) };

    public static FileNode File(IContentSource content, int mode = 0x1A4) =>
        new(FileNodeKind.RegularFile) { Mode = mode, Content = content };

    public static FileNode Symlink(string target) =>
        new(FileNodeKind.Symlink) { Mode = 0x1FF, SymlinkTarget = target };

    public static FileNode Device(FileNodeKind kind, int major, int minor, int mode = 0x1B6)
    {
        if (kind is not (FileNodeKind.CharDevice or FileNodeKind.BlockDevice))
        {
            throw new ArgumentException($"'{kind}' is not a device kind.", nameof(kind));
        }

        return new FileNode(kind) { Mode = mode, DeviceMajor = major, DeviceMinor = minor };
    }

    public static FileNode Fifo(int mode = 0x1A4) => new(FileNodeKind.Fifo) { Mode = mode };

    public static FileNode Socket(int mode = 0x1ED) => new(FileNodeKind.Socket) { Mode = mode };

    /// <summary>Builds a node from a POSIX st_mode (type bits select the kind).</summary>
    public static FileNode FromPosixMode(int posixMode, IContentSource? content = null, string? symlinkTarget = null, int major = 0, int minor = 0)
    {
        var permissions = posixMode & 0xFFF;
        return (posixMode & 0xF000) switch
        {
            0x4000 => Directory(permissions),
            0x8000 or 0 => File(content ?? BytesContent.Empty, permissions),
            0xA000 => Symlink(symlinkTarget ?? ""),
            0x2000 => Device(FileNodeKind.CharDevice, major, minor, permissions),
            0x6000 => Device(FileNodeKind.BlockDevice, major, minor, permissions),
            0x1000 => Fifo(permissions),
            0xC000 => Socket(permissions),
            _ => throw new FileTreeException($"Unknown file type in mode 0{Convert.ToString(posixMode, 8)}."),
        };
    }

    /// <summary>Copies the metadata shared by all kinds (ownership, time, xattrs) from another node.</summary>
    public FileNode WithMetadataOf(FileNode other)
    {
        Uid = other.Uid;
        Gid = other.Gid;
        ModificationTime = other.ModificationTime;
        foreach (var (name, value) in other.Xattrs)
        {
            Xattrs[name] = value;
        }

        return this;
    }
}
