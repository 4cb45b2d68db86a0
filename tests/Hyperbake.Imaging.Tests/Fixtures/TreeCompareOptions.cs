namespace Hyperbake.Imaging.Tests.Fixtures;

/// <summary>Which properties <see cref="TreeComparer"/> checks; a format turns off what it does not store.</summary>
public sealed record TreeCompareOptions
{
    public bool Modes { get; init; } = true;

    public bool Ownership { get; init; } = true;

    public bool ModificationTimes { get; init; } = true;

    /// <summary>Directory mtimes (extractors often touch them after the fact).</summary>
    public bool DirectoryModificationTimes { get; init; } = true;

    /// <summary>Symlink mtimes (GNU cpio does not restore them).</summary>
    public bool SymlinkModificationTimes { get; init; } = true;

    public bool Xattrs { get; init; } = true;

    /// <summary>Whether two names of one node must stay one node.</summary>
    public bool HardLinks { get; init; } = true;

    /// <summary>Compare the root directory's metadata too.</summary>
    public bool Root { get; init; }

    /// <summary>Paths (and everything under them) left out of the comparison on both sides.</summary>
    public IReadOnlyCollection<string> IgnorePaths { get; init; } = [];

    /// <summary>Only file and directory contents and names: what FAT and mtools keep.</summary>
    public static TreeCompareOptions NamesAndContents => new() { Modes = false, Ownership = false, ModificationTimes = false, DirectoryModificationTimes = false, Xattrs = false, HardLinks = false };
}
