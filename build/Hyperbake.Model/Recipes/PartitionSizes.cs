namespace Hyperbake.Model.Recipes;

/// <summary>
/// Sizes of the live disk's partitions. The defaults are the compact EVE layout the build doc
/// describes (36 MiB ESP, 300 MiB A/B root slots, 1 MiB CONFIG) with P3 filling a 1 GiB disk.
/// </summary>
public sealed record PartitionSizes(long Efi, long ImgA, long ImgB, long Config, long Disk)
{
    public const long MiB = 1L << 20;

    public static readonly PartitionSizes Default = new(36 * MiB, 300 * MiB, 300 * MiB, 1 * MiB, 1024 * MiB);
}
