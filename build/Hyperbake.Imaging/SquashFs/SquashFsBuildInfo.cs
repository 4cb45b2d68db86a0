namespace Hyperbake.Imaging.SquashFs;

/// <summary>What a build produced: the padded image size, the superblock's bytes_used, and counts worth reporting.</summary>
public sealed record SquashFsBuildInfo(long Size, long BytesUsed, int InodeCount, int FragmentCount, int DuplicateFiles, int IdCount, int XattrSetCount);
