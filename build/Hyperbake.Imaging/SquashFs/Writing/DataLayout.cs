using Hyperbake.Imaging.SquashFs.Format;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>The outcome of storing every file's data: per file where it went, the block size words, the fragment table.</summary>
internal sealed class DataLayout(int fileCount)
{
    /// <summary>By file ordinal (see <see cref="PlannedInode.FileOrdinal"/>).</summary>
    public StoredFile?[] Files { get; } = new StoredFile?[fileCount];

    /// <summary>The stored size word of every block, files in order; a file's run starts at <see cref="StoredFile.FirstBlock"/>.</summary>
    public List<uint> BlockSizes { get; } = [];

    public List<FragmentEntry> Fragments { get; } = [];

    /// <summary>Absolute position just after the last stored block.</summary>
    public long End { get; set; }

    /// <summary>Files stored once for several inodes.</summary>
    public int DuplicateFiles { get; set; }
}
