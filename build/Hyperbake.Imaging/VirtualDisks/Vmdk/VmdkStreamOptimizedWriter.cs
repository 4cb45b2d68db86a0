using System.Buffers.Binary;
using System.IO.Compression;
using Hyperbake.Imaging.Streams;

namespace Hyperbake.Imaging.VirtualDisks.Vmdk;

/// <summary>
/// Writes a stream-optimized VMDK strictly front to back, as VMware (OVF import) and qemu read
/// it: header with the grain directory "at end", descriptor, then zlib-compressed grains each
/// behind a grain marker; after each grain table's grains, a GT marker and the table; at the end
/// a GD marker and directory, a footer marker and footer header, and the end-of-stream marker.
/// Grains are compressed on all cores while reading goes on, and written in order (deterministic);
/// random-looking grains go in stored deflate blocks without a search for matches.
/// </summary>
public sealed class VmdkStreamOptimizedWriter : IDiskImageSink
{
    private const int Sector = 512;
    private const int GrainBytes = VmdkSparseHeader.GrainSectors * Sector;

    private readonly Stream output;
    private readonly string seed;
    private readonly string fileName;
    private readonly long capacitySectors;
    private readonly uint[] grainDirectory;
    private readonly uint[] grainTable = new uint[VmdkSparseHeader.GrainTableEntries];
    private readonly AppendWriter writer;
    private readonly BlockAssembler assembler;
    private readonly OrderedBlockCompressor compressor;
    private long currentTable = -1;

    public VmdkStreamOptimizedWriter(Stream output, long capacity, string seed, string fileName = "disk.vmdk")
    {
        if (capacity % Sector != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), $"The VMDK size {capacity} is not a multiple of {Sector} bytes.");
        }

        this.output = output;
        this.seed = seed;
        this.fileName = fileName;
        Capacity = capacity;
        capacitySectors = capacity / Sector;
        var grains = (capacitySectors + VmdkSparseHeader.GrainSectors - 1) / VmdkSparseHeader.GrainSectors;
        grainDirectory = new uint[(grains + VmdkSparseHeader.GrainTableEntries - 1) / VmdkSparseHeader.GrainTableEntries];
        writer = new AppendWriter(output, 0);
        compressor = new OrderedBlockCompressor(GrainBytes, Compress, OnCompressed);
        assembler = new BlockAssembler(GrainBytes, capacity, compressor.Add);

        var head = new byte[OverheadSectors * Sector];
        Header(VmdkSparseHeader.GrainDirectoryAtEnd).WriteTo(head);
        VmdkDescriptor.Build("streamOptimized", capacitySectors, fileName, seed).CopyTo(head, Sector);
        writer.Write(head);
    }

    public long Capacity { get; }

    private static long OverheadSectors => VmdkSparseHeader.GrainSectors;

    public void Write(long offset, ReadOnlySpan<byte> data) => assembler.Write(offset, data);

    public void Complete()
    {
        assembler.Flush();
        compressor.Finish();
        FlushGrainTable();

        var sector = new byte[Sector];
        var gdSectors = ((grainDirectory.Length * 4) + Sector - 1) / Sector;
        VmdkMarker.WriteMetadata(sector, (ulong)gdSectors, VmdkMarker.GrainDirectory);
        writer.Write(sector);
        var gdOffset = writer.Position / Sector;
        var gd = new byte[gdSectors * Sector];
        for (var i = 0; i < grainDirectory.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(gd.AsSpan(i * 4), grainDirectory[i]);
        }

        writer.Write(gd);

        VmdkMarker.WriteMetadata(sector, 1, VmdkMarker.Footer);
        writer.Write(sector);
        Header((ulong)gdOffset).WriteTo(sector);
        writer.Write(sector);
        VmdkMarker.WriteMetadata(sector, 0, VmdkMarker.EndOfStream);
        writer.Write(sector);
        writer.Flush();
        output.Flush();
    }

    public void Dispose() => writer.Dispose();

    private VmdkSparseHeader Header(ulong gdOffset) => new()
    {
        Version = 3,
        Flags = VmdkSparseHeader.FlagValidNewlineTest | VmdkSparseHeader.FlagCompressedGrains | VmdkSparseHeader.FlagMarkers,
        CapacitySectors = capacitySectors,
        DescriptorOffset = 1,
        DescriptorSectors = VmdkDescriptor.ReservedSectors,
        GrainDirectoryOffset = gdOffset,
        OverheadSectors = OverheadSectors,
        CompressAlgorithm = VmdkSparseHeader.CompressionDeflate,
    };

    // In grain order: the marker and the compressed grain, listed in the current grain table.
    private void OnCompressed(long index, byte[] grain, byte[]? compressed)
    {
        var table = index / VmdkSparseHeader.GrainTableEntries;
        if (table != currentTable)
        {
            FlushGrainTable();
            currentTable = table;
        }

        grainTable[index % VmdkSparseHeader.GrainTableEntries] = (uint)(writer.Position / Sector);
        Span<byte> marker = stackalloc byte[VmdkMarker.GrainMarkerSize];
        VmdkMarker.WriteGrain(marker, index * VmdkSparseHeader.GrainSectors, compressed!.Length);
        writer.Write(marker);
        writer.Write(compressed);
        writer.PadTo(Sector);
    }

    // Writes the finished grain table of the current group behind its marker.
    private void FlushGrainTable()
    {
        if (currentTable < 0)
        {
            return;
        }

        var sector = new byte[Sector];
        var tableBytes = new byte[grainTable.Length * 4];
        VmdkMarker.WriteMetadata(sector, (ulong)(tableBytes.Length / Sector), VmdkMarker.GrainTable);
        writer.Write(sector);
        grainDirectory[currentTable] = (uint)(writer.Position / Sector);
        for (var i = 0; i < grainTable.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(tableBytes.AsSpan(i * 4), grainTable[i]);
        }

        writer.Write(tableBytes);
        Array.Clear(grainTable);
        currentTable = -1;
    }

    // On a worker thread. Every grain is stored deflated; a random-looking one in stored
    // (uncompressed) deflate blocks at once, as deflate would not shrink it anyway.
    private static byte[]? Compress(byte[] grain)
    {
        var level = RandomDataDetector.LooksRandom(grain) ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
        using var ms = new MemoryStream(GrainBytes + 64);
        using (var z = new ZLibStream(ms, level, leaveOpen: true))
        {
            z.Write(grain);
        }

        return ms.ToArray();
    }
}
