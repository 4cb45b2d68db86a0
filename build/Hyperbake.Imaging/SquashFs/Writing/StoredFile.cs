using Hyperbake.Imaging.SquashFs.Format;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>Where a regular file's data ended up: its blocks, its fragment, its sparse bytes. Duplicates share one.</summary>
internal sealed class StoredFile
{
    /// <summary>Absolute position of the first stored block.</summary>
    public long BlocksStart { get; set; }

    /// <summary>The first of this file's stored size words in <see cref="DataLayout.BlockSizes"/>.</summary>
    public int FirstBlock { get; set; }

    public int BlockCount { get; set; }

    public uint FragmentIndex { get; set; } = DataBlock.NoFragment;

    public uint FragmentOffset { get; set; }

    /// <summary>Bytes of the file held by sparse (all-zero, not stored) blocks.</summary>
    public long SparseBytes { get; set; }
}
