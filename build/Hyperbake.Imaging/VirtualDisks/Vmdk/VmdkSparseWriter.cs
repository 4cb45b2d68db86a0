using System.Buffers.Binary;
using Hyperbake.Imaging.Streams;

namespace Hyperbake.Imaging.VirtualDisks.Vmdk;

/// <summary>
/// Writes a monolithic sparse VMDK (one file, embedded descriptor) in one forward pass: header,
/// descriptor, redundant and primary grain directories with all grain tables preallocated, then
/// 64 KiB grains appended as they arrive. Zero grains stay unallocated (entry 0). The tables are
/// filled in at the end.
/// </summary>
public sealed class VmdkSparseWriter : IDiskImageSink
{
    private const int Sector = 512;

    private readonly string seed;
    private readonly string fileName;
    private readonly long capacitySectors;
    private readonly int grainTables;
    private readonly long gdSectors;
    private readonly long gtSectors;
    private readonly long redundantGdOffset;
    private readonly long gdOffset;
    private readonly long overhead;
    private readonly uint[] grainTableEntries;
    private readonly AppendWriter writer;
    private readonly BlockAssembler assembler;

    public VmdkSparseWriter(Stream output, long capacity, string seed, string fileName = "disk.vmdk")
    {
        if (capacity % Sector != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), $"The VMDK size {capacity} is not a multiple of {Sector} bytes.");
        }

        Capacity = capacity;
        this.seed = seed;
        this.fileName = fileName;
        capacitySectors = capacity / Sector;
        var grains = (capacitySectors + VmdkSparseHeader.GrainSectors - 1) / VmdkSparseHeader.GrainSectors;
        grainTables = (int)((grains + VmdkSparseHeader.GrainTableEntries - 1) / VmdkSparseHeader.GrainTableEntries);
        grainTableEntries = new uint[grainTables * VmdkSparseHeader.GrainTableEntries];
        gdSectors = ((grainTables * 4L) + Sector - 1) / Sector;
        gtSectors = VmdkSparseHeader.GrainTableEntries * 4 / Sector;

        // header | descriptor | redundant GD | redundant GTs | GD | GTs | grains (grain-aligned)
        redundantGdOffset = 1 + VmdkDescriptor.ReservedSectors;
        gdOffset = redundantGdOffset + gdSectors + (grainTables * gtSectors);
        var end = gdOffset + gdSectors + (grainTables * gtSectors);
        overhead = (end + VmdkSparseHeader.GrainSectors - 1) / VmdkSparseHeader.GrainSectors * VmdkSparseHeader.GrainSectors;
        writer = new AppendWriter(output, overhead * Sector);
        assembler = new BlockAssembler(VmdkSparseHeader.GrainSectors * Sector, capacity, OnGrain);
    }

    public long Capacity { get; }

    public void Write(long offset, ReadOnlySpan<byte> data) => assembler.Write(offset, data);

    public void Complete()
    {
        assembler.Flush();
        var head = new byte[overhead * Sector];
        new VmdkSparseHeader
        {
            Version = 1,
            Flags = VmdkSparseHeader.FlagValidNewlineTest | VmdkSparseHeader.FlagRedundantGrainTable,
            CapacitySectors = capacitySectors,
            DescriptorOffset = 1,
            DescriptorSectors = VmdkDescriptor.ReservedSectors,
            RedundantGrainDirectoryOffset = redundantGdOffset,
            GrainDirectoryOffset = (ulong)gdOffset,
            OverheadSectors = overhead,
        }.WriteTo(head);
        VmdkDescriptor.Build("monolithicSparse", capacitySectors, fileName, seed).CopyTo(head, Sector);
        WriteDirectory(head, redundantGdOffset);
        WriteDirectory(head, gdOffset);
        writer.WriteAt(0, head);
        writer.Flush();
    }

    public void Dispose() => writer.Dispose();

    // A grain directory followed by all its grain tables.
    private void WriteDirectory(byte[] head, long directorySector)
    {
        var firstTable = directorySector + gdSectors;
        for (var t = 0; t < grainTables; t++)
        {
            var tableSector = firstTable + (t * gtSectors);
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan((int)((directorySector * Sector) + (t * 4))), (uint)tableSector);
            for (var e = 0; e < VmdkSparseHeader.GrainTableEntries; e++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(
                    head.AsSpan((int)((tableSector * Sector) + (e * 4))),
                    grainTableEntries[(t * VmdkSparseHeader.GrainTableEntries) + e]);
            }
        }
    }

    private void OnGrain(long index, ReadOnlySpan<byte> grain)
    {
        grainTableEntries[index] = (uint)(writer.Position / Sector);
        writer.Write(grain);
    }
}
