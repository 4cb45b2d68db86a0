namespace Hyperbake.Imaging.Ext;

/// <summary>The hash an indexed (htree) directory sorts its names by (the superblock's default hash version).</summary>
public enum ExtDirectoryHash
{
    Legacy = 0,
    HalfMd4 = 1,
    Tea = 2,
}
