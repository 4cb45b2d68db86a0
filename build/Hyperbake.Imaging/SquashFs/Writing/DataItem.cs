using Hyperbake.Imaging.SquashFs.Format;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>What a step of the data pipeline tells the writer.</summary>
internal enum DataItemKind
{
    /// <summary>A file's blocks start here.</summary>
    FileStart,

    /// <summary>One of the file's blocks (compressing or compressed).</summary>
    Block,

    /// <summary>The file is complete; where its tail went.</summary>
    FileEnd,

    /// <summary>The file has the content of an earlier one and shares its blocks.</summary>
    Duplicate,

    /// <summary>A fragment block of packed tails (full, or the last one).</summary>
    Fragment,
}

/// <summary>One step for the writer, in the order the reader decided.</summary>
internal sealed record DataItem(DataItemKind Kind, int File = -1, Task<StoredBlock>? Block = null, uint FragmentIndex = DataBlock.NoFragment, uint FragmentOffset = 0, int Original = -1);
