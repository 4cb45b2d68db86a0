namespace Hyperbake.Imaging.Fat;

/// <summary>A contiguous cluster chain: every file and directory the builder writes is one run.</summary>
public readonly record struct FatClusterRun(uint FirstCluster, uint Count)
{
    public uint LastCluster => FirstCluster + Count - 1;
}
