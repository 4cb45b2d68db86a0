namespace Hyperbake.Imaging.Tests.Fixtures;

/// <summary>The awkward cases a generated tree can contain; a format leaves out what it cannot hold.</summary>
[Flags]
public enum AwkwardFeatures
{
    None = 0,
    DeepPaths = 1 << 0,
    LongNames = 1 << 1,
    NonAsciiNames = 1 << 2,
    CaseVariants = 1 << 3,
    EmptyFiles = 1 << 4,
    LargeFiles = 1 << 5,
    SparseFiles = 1 << 6,
    HardLinks = 1 << 7,
    Symlinks = 1 << 8,
    Devices = 1 << 9,
    Fifos = 1 << 10,
    ManyEntries = 1 << 11,
    Ownership = 1 << 12,
    Xattrs = 1 << 13,

    /// <summary>What a filesystem of directories and regular files only (FAT) can hold.</summary>
    FilesAndDirectories = DeepPaths | LongNames | NonAsciiNames | CaseVariants | EmptyFiles | LargeFiles | SparseFiles | ManyEntries,

    All = FilesAndDirectories | HardLinks | Symlinks | Devices | Fifos | Ownership | Xattrs,
}
