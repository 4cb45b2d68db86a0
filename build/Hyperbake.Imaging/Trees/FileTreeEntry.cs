namespace Hyperbake.Imaging.Trees;

/// <summary>A path in a walk of a tree and the node it names. <see cref="Path"/> is relative, '/'-separated, "" for the root.</summary>
public readonly record struct FileTreeEntry(string Path, string Name, FileNode Node, FileNode? Parent, int Depth);
