using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>A directory of the input tree with its entries in ordinal name order, shared by both hierarchies.</summary>
internal sealed class SourceDirectory(FileNode node, SourceDirectory? parent, string path)
{
    public FileNode Node { get; } = node;

    /// <summary>The parent; the root is its own parent, as its ".." record says.</summary>
    public SourceDirectory Parent => parent ?? this;

    public bool IsRoot => Path.Length == 0;

    public string Path { get; } = path;

    public List<SourceEntry> Entries { get; } = [];

    /// <summary>Counted once, after the tree is read (every child's ".." asks for it).</summary>
    public int SubdirectoryCount => subdirectoryCount ??= Entries.Count(e => e.Directory is not null);

    private int? subdirectoryCount;
}

/// <summary>One name in a directory; hard links are several entries sharing a node (and its <see cref="FileData"/>).</summary>
internal sealed class SourceEntry(string name, string path, FileNode node)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public FileNode Node { get; } = node;

    public SourceDirectory? Directory { get; init; }

    public FileData? Data { get; init; }
}
