namespace Hyperbake.Imaging.Trees;

/// <summary>A path or entry that a file tree refuses: escapes the root, routes through a symlink, clashes.</summary>
public sealed class FileTreeException(string message) : Exception(message);
