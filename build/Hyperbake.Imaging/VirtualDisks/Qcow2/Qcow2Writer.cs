using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using Hyperbake.Imaging.Streams;

namespace Hyperbake.Imaging.VirtualDisks.Qcow2;

/// <summary>
/// Writes a qcow2 v3 image in one forward pass. Data clusters are appended from cluster 1 as
/// they arrive; all-zero clusters are left unallocated. At the end come the L2 tables (only
/// those with entries), the L1 table, and refcount blocks plus the refcount table sized to
/// cover themselves; the header in cluster 0 is written last. With compression, clusters are
/// deflated (raw deflate, as qemu reads them) on all cores while reading goes on, and
/// byte-packed in cluster order; random-looking clusters are stored as is without trying, as
/// deflate would not shrink them.
/// </summary>
public sealed class Qcow2Writer : IDiskImageSink
{
    /// <summary>In an L1 or L2 entry: the cluster is referenced once (what qemu calls QCOW_OFLAG_COPIED).</summary>
    internal const ulong CopiedFlag = 1UL << 63;
    private const ulong CompressedFlag = 1UL << 62;

    private readonly Stream output;
    private readonly Qcow2Options options;
    private readonly int clusterSize;
    private readonly int clusterBits;
    private readonly int l2Entries;
    private readonly ulong[]?[] l2Tables;
    private readonly List<ushort> refcounts = [1]; // cluster 0: the header
    private readonly AppendWriter writer;
    private readonly BlockAssembler assembler;
    private readonly OrderedBlockCompressor? compressor;

    public Qcow2Writer(Stream output, long capacity, Qcow2Options? options = null)
    {
        this.options = options ?? new Qcow2Options();
        clusterSize = this.options.ClusterSize;
        if (clusterSize < 512 || clusterSize > 2 * 1024 * 1024 || !BitOperations.IsPow2(clusterSize))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The qcow2 cluster size is {clusterSize}; it must be a power of two from 512 bytes to 2 MiB.");
        }

        this.output = output;
        Capacity = capacity;
        clusterBits = BitOperations.Log2((uint)clusterSize);
        l2Entries = clusterSize / 8;
        var l1Size = (int)((capacity + ((long)clusterSize * l2Entries) - 1) / ((long)clusterSize * l2Entries));
        l2Tables = new ulong[]?[l1Size];
        writer = new AppendWriter(output, clusterSize);
        if (this.options.Compress)
        {
            compressor = new OrderedBlockCompressor(clusterSize, Compress, OnCompressed);
            assembler = new BlockAssembler(clusterSize, capacity, compressor.Add);
        }
        else
        {
            assembler = new BlockAssembler(clusterSize, capacity, (index, data) => SetL2(index, (ulong)AppendCluster(data) | CopiedFlag));
        }
    }

    public long Capacity { get; }

    public void Write(long offset, ReadOnlySpan<byte> data) => assembler.Write(offset, data);

    public void Complete()
    {
        assembler.Flush();
        compressor?.Finish();
        writer.PadTo(clusterSize);

        // L2 tables, only those that map something.
        var l1 = new ulong[l2Tables.Length];
        var table = new byte[clusterSize];
        for (var i = 0; i < l2Tables.Length; i++)
        {
            if (l2Tables[i] is not { } entries)
            {
                continue;
            }

            for (var j = 0; j < l2Entries; j++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(table.AsSpan(j * 8), entries[j]);
            }

            l1[i] = (ulong)AppendCluster(table) | CopiedFlag;
        }

        // The L1 table, in whole clusters.
        var l1Offset = writer.Position;
        var l1Bytes = new byte[AlignUp(Math.Max(l1.Length, 1) * 8L, clusterSize)];
        for (var i = 0; i < l1.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(l1Bytes.AsSpan(i * 8), l1[i]);
        }

        writer.Write(l1Bytes);
        for (var i = 0; i < l1Bytes.Length / clusterSize; i++)
        {
            refcounts.Add(1);
        }

        WriteRefcounts(out var refcountTableOffset, out var refcountTableClusters);

        var header = new byte[clusterSize];
        new Qcow2Header
        {
            ClusterBits = clusterBits,
            VirtualSize = Capacity,
            L1Size = l1.Length,
            L1TableOffset = l1Offset,
            RefcountTableOffset = refcountTableOffset,
            RefcountTableClusters = refcountTableClusters,
        }.WriteTo(header);
        writer.WriteAt(0, header);
        writer.Flush();
        output.Flush();
    }

    public void Dispose() => writer.Dispose();

    // On a worker thread: the raw deflate bytes, or null when the cluster is better stored as is.
    private byte[]? Compress(byte[] data)
    {
        if (RandomDataDetector.LooksRandom(data))
        {
            return null;
        }

        using var ms = new MemoryStream(clusterSize);
        using (var deflate = new DeflateStream(ms, options.CompressionLevel, leaveOpen: true))
        {
            deflate.Write(data, 0, clusterSize);
        }

        // Like qemu: a cluster that does not shrink is stored as is.
        return ms.Length < clusterSize ? ms.ToArray() : null;
    }

    // In cluster order: appends the cluster, compressed and byte-packed or whole.
    private void OnCompressed(long index, byte[] data, byte[]? compressed)
    {
        if (compressed is null)
        {
            SetL2(index, (ulong)AppendCluster(data) | CopiedFlag);
            return;
        }

        var offsetBits = 62 - (clusterBits - 8);
        var offset = writer.Position;
        writer.Write(compressed);
        var last = offset + compressed.Length - 1;
        var extraSectors = (ulong)((last >> 9) - (offset >> 9));
        SetL2(index, CompressedFlag | (extraSectors << offsetBits) | (ulong)offset);

        // qemu counts one reference per compressed cluster in every host cluster it touches.
        for (var h = offset >> clusterBits; h <= last >> clusterBits; h++)
        {
            AddRef(h);
        }
    }

    private long AppendCluster(ReadOnlySpan<byte> data)
    {
        writer.PadTo(clusterSize);
        var offset = writer.Position;
        writer.Write(data[..clusterSize]);
        AddRef(offset >> clusterBits);
        return offset;
    }

    private void AddRef(long hostCluster)
    {
        while (refcounts.Count <= hostCluster)
        {
            refcounts.Add(0);
        }

        refcounts[(int)hostCluster]++;
    }

    private void SetL2(long index, ulong entry)
    {
        var table = l2Tables[index / l2Entries] ??= new ulong[l2Entries];
        table[index % l2Entries] = entry;
    }

    // Refcount blocks and table go last; their count depends on the clusters they cover, themselves included.
    private void WriteRefcounts(out long tableOffset, out int tableClusters)
    {
        var perBlock = Qcow2Layout.RefcountsPerBlock(clusterSize);
        long used = refcounts.Count;
        var (blocks, table) = Qcow2Layout.RefcountClusters(used, clusterSize);

        for (var i = 0; i < blocks + table; i++)
        {
            refcounts.Add(1);
        }

        var firstBlock = used;
        var buffer = new byte[clusterSize];
        for (long b = 0; b < blocks; b++)
        {
            Array.Clear(buffer);
            for (var e = 0; e < perBlock; e++)
            {
                var cluster = (b * perBlock) + e;
                if (cluster >= refcounts.Count)
                {
                    break;
                }

                BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(e * 2), refcounts[(int)cluster]);
            }

            writer.Write(buffer);
        }

        tableOffset = writer.Position;
        var tableBytes = new byte[table * clusterSize];
        for (long b = 0; b < blocks; b++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(tableBytes.AsSpan((int)(b * 8)), (ulong)((firstBlock + b) << clusterBits));
        }

        writer.Write(tableBytes);
        writer.Flush();
        tableClusters = (int)table;
    }

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
