using System.Buffers.Binary;
using Hyperbake.Imaging.Streams;

namespace Hyperbake.Imaging.VirtualDisks.Qcow2;

/// <summary>
/// Writes an uncompressed qcow2 v3 image whose <see cref="Qcow2Layout"/> is known before the first
/// byte: the header and every table at once, then each data cluster as it arrives, strictly front
/// to back into a stream that need not seek (so a <see cref="Sha256WhileWriting"/> can hash it on
/// the way). A cluster holding data the layout did not plan for, or a planned one that stays
/// empty, means the content changed since it was planned: an error, never a wrong image.
/// </summary>
public sealed class PlannedQcow2Writer : IDiskImageSink
{
    private readonly Stream output;
    private readonly Qcow2Layout layout;
    private readonly BlockAssembler assembler;
    private int next;

    public PlannedQcow2Writer(Stream output, Qcow2Layout layout)
    {
        this.output = output ?? throw new ArgumentNullException(nameof(output));
        this.layout = layout ?? throw new ArgumentNullException(nameof(layout));
        WriteTables();
        assembler = new BlockAssembler(layout.ClusterSize, layout.Capacity, AppendCluster);
    }

    public long Capacity => layout.Capacity;

    public void Write(long offset, ReadOnlySpan<byte> data) => assembler.Write(offset, data);

    public void Complete()
    {
        assembler.Flush();
        if (next != layout.DataClusters.Count)
        {
            throw new InvalidOperationException($"The disk's content changed while it was written: {layout.DataClusters.Count - next} clusters planned to hold data came out empty.");
        }

        output.Flush();
    }

    public void Dispose()
    {
    }

    private void WriteTables()
    {
        var clusterSize = layout.ClusterSize;
        var cluster = new byte[clusterSize];
        new Qcow2Header
        {
            ClusterBits = layout.ClusterBits,
            VirtualSize = layout.Capacity,
            L1Size = layout.L1Size,
            L1TableOffset = layout.L1TableOffset,
            RefcountTableOffset = layout.RefcountTableOffset,
            RefcountTableClusters = layout.RefcountTableClusters,
        }.WriteTo(cluster);
        output.Write(cluster);

        var l1 = new byte[layout.RefcountTableOffset - layout.L1TableOffset];
        for (var i = 0; i < layout.L1Size; i++)
        {
            if (layout.L2Offset(i) is var l2 and > 0)
            {
                BinaryPrimitives.WriteUInt64BigEndian(l1.AsSpan(i * 8), (ulong)l2 | Qcow2Writer.CopiedFlag);
            }
        }

        output.Write(l1);

        var table = new byte[(long)layout.RefcountTableClusters * clusterSize];
        for (var b = 0; b < layout.RefcountBlockCount; b++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(table.AsSpan(b * 8), (ulong)(layout.RefcountBlocksOffset + ((long)b * clusterSize)));
        }

        output.Write(table);

        // Every cluster of the file is referenced exactly once (16-bit refcounts).
        var perBlock = Qcow2Layout.RefcountsPerBlock(clusterSize);
        for (long b = 0; b < layout.RefcountBlockCount; b++)
        {
            Array.Clear(cluster);
            var count = (int)Math.Min(perBlock, layout.TotalClusters - (b * perBlock));
            for (var e = 0; e < count; e++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(cluster.AsSpan(e * 2), 1);
            }

            output.Write(cluster);
        }

        // The L2 tables in L1 order; the n-th data cluster is the n-th cluster after them.
        var n = 0;
        for (var i = 0; i < layout.L1Size; i++)
        {
            if (layout.L2Offset(i) == 0)
            {
                continue;
            }

            Array.Clear(cluster);
            for (; n < layout.DataClusters.Count && layout.DataClusters[n] / layout.L2Entries == i; n++)
            {
                var entry = (ulong)(layout.DataOffset + ((long)n * clusterSize)) | Qcow2Writer.CopiedFlag;
                BinaryPrimitives.WriteUInt64BigEndian(cluster.AsSpan((int)(layout.DataClusters[n] % layout.L2Entries) * 8), entry);
            }

            output.Write(cluster);
        }
    }

    private void AppendCluster(long index, ReadOnlySpan<byte> data)
    {
        if (next >= layout.DataClusters.Count || layout.DataClusters[next] != index)
        {
            throw new InvalidOperationException($"The disk's content changed while it was written: guest cluster {index} holds data that was not there when the image was planned.");
        }

        output.Write(data[..layout.ClusterSize]);
        next++;
    }
}
