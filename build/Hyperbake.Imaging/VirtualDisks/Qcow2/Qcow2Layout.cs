using System.Numerics;

namespace Hyperbake.Imaging.VirtualDisks.Qcow2;

/// <summary>
/// Where every cluster of an uncompressed qcow2 image goes when the clusters holding data are
/// known before the first byte is written: the header, the L1 table, the refcount table and
/// blocks, the L2 tables that map something, then the data clusters in guest order. Every byte
/// then has its place in advance, so the image is written front to back, once, and can be
/// hashed as it is written.
/// </summary>
public sealed class Qcow2Layout
{
    private readonly long[] _l2Offsets;

    /// <param name="capacity">The virtual size.</param>
    /// <param name="clusterSize">A power of two from 512 B to 2 MiB.</param>
    /// <param name="dataClusters">The guest clusters that hold a non-zero byte, in increasing order.</param>
    public Qcow2Layout(long capacity, int clusterSize, IReadOnlyList<long> dataClusters)
    {
        if (clusterSize < 512 || clusterSize > 2 * 1024 * 1024 || !BitOperations.IsPow2(clusterSize))
        {
            throw new ArgumentOutOfRangeException(nameof(clusterSize), $"The qcow2 cluster size is {clusterSize}; it must be a power of two from 512 bytes to 2 MiB.");
        }

        Capacity = capacity;
        ClusterSize = clusterSize;
        DataClusters = dataClusters;
        L2Entries = clusterSize / 8;
        L1Size = (int)((capacity + ((long)clusterSize * L2Entries) - 1) / ((long)clusterSize * L2Entries));
        var l1Clusters = Clusters(Math.Max(L1Size, 1) * 8L);

        _l2Offsets = new long[L1Size];
        var l2Count = 0;
        var previous = -1L;
        foreach (var cluster in dataClusters)
        {
            if (cluster <= previous || cluster * clusterSize >= capacity)
            {
                throw new ArgumentException($"Data cluster {cluster} is out of order or past the disk's end.", nameof(dataClusters));
            }

            if (_l2Offsets[cluster / L2Entries] == 0)
            {
                _l2Offsets[cluster / L2Entries] = -1; // placed below
                l2Count++;
            }

            previous = cluster;
        }

        long fixedClusters = 1 + l1Clusters + l2Count + dataClusters.Count;
        var (blocks, table) = RefcountClusters(fixedClusters, clusterSize);

        L1TableOffset = clusterSize;
        RefcountTableOffset = L1TableOffset + (l1Clusters * clusterSize);
        RefcountTableClusters = (int)table;
        RefcountBlocksOffset = RefcountTableOffset + (table * clusterSize);
        RefcountBlockCount = blocks;
        var at = RefcountBlocksOffset + (blocks * clusterSize);
        for (var i = 0; i < _l2Offsets.Length; i++)
        {
            if (_l2Offsets[i] != 0)
            {
                _l2Offsets[i] = at;
                at += clusterSize;
            }
        }

        DataOffset = at;
        TotalClusters = fixedClusters + blocks + table;
        FileLength = TotalClusters * clusterSize;
    }

    public long Capacity { get; }

    public int ClusterSize { get; }

    public int ClusterBits => BitOperations.Log2((uint)ClusterSize);

    /// <summary>The guest clusters stored, in order; the n-th is at <see cref="DataOffset"/> + n clusters.</summary>
    public IReadOnlyList<long> DataClusters { get; }

    public int L2Entries { get; }

    public int L1Size { get; }

    public long L1TableOffset { get; }

    public long RefcountTableOffset { get; }

    public int RefcountTableClusters { get; }

    public long RefcountBlocksOffset { get; }

    public long RefcountBlockCount { get; }

    /// <summary>Where the first data cluster goes, after all the tables.</summary>
    public long DataOffset { get; }

    /// <summary>Every cluster of the file (each referenced once).</summary>
    public long TotalClusters { get; }

    public long FileLength { get; }

    /// <summary>How many 16-bit refcounts one refcount block of <paramref name="clusterSize"/> holds.</summary>
    public static int RefcountsPerBlock(int clusterSize) => clusterSize * 8 / (1 << Qcow2Header.RefcountOrder);

    /// <summary>
    /// The refcount blocks and refcount table clusters an image of <paramref name="otherClusters"/>
    /// clusters needs: they count every cluster, themselves and their table included.
    /// </summary>
    public static (long Blocks, long TableClusters) RefcountClusters(long otherClusters, int clusterSize)
    {
        var perBlock = RefcountsPerBlock(clusterSize);
        long blocks = 0, table = 0;
        while (true)
        {
            var total = otherClusters + blocks + table;
            var needBlocks = (total + perBlock - 1) / perBlock;
            var needTable = ((needBlocks * 8) + clusterSize - 1) / clusterSize;
            if (needBlocks == blocks && needTable == table)
            {
                return (blocks, table);
            }

            (blocks, table) = (needBlocks, needTable);
        }
    }

    /// <summary>The file offset of the L2 table for L1 entry <paramref name="index"/>, or 0 when none maps anything.</summary>
    public long L2Offset(int index) => _l2Offsets[index];

    private long Clusters(long bytes) => (bytes + ClusterSize - 1) / ClusterSize;
}
