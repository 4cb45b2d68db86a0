namespace Hyperbake.Imaging.Tests.Fixtures;

/// <summary>Parameters of <see cref="AwkwardTrees.Build"/>.</summary>
public sealed record AwkwardTreeOptions
{
    public AwkwardFeatures Features { get; init; } = AwkwardFeatures.All;

    /// <summary>Length of the long names (ASCII, so bytes = UTF-16 units); 200 fits tar, ext4 (255 bytes) and FAT (255 units).</summary>
    public int LongNameLength { get; init; } = 200;

    /// <summary>Directory levels of the deep path.</summary>
    public int DeepPathDepth { get; init; } = 24;

    public long LargeFileSize { get; init; } = 3 * 1024 * 1024 + 123;

    public long SparseFileSize { get; init; } = 8 * 1024 * 1024;

    public int ManyEntriesCount { get; init; } = 5000;

    /// <summary>The time of every entry (a SOURCE_DATE_EPOCH).</summary>
    public long ModificationTime { get; init; } = 1_700_000_000;
}
