using System.Buffers.Binary;
using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Imaging.Streams;

namespace Hyperbake.Imaging.VirtualDisks.Vdi;

/// <summary>
/// Writes a dynamic VDI in one forward pass: header, block map, then 1 MiB blocks appended as
/// they arrive. All-zero blocks stay unallocated in the map. UUIDs are derived from the seed.
/// </summary>
public sealed class VdiWriter : IDiskImageSink
{
    private const uint Unallocated = 0xFFFFFFFF;
    private const uint BlockMapOffset = 0x200;

    private readonly string seed;
    private readonly uint[] blockMap;
    private readonly uint dataOffset;
    private readonly AppendWriter writer;
    private readonly BlockAssembler assembler;
    private uint allocated;

    public VdiWriter(Stream output, long capacity, string seed)
    {
        if (capacity % VdiHeader.SectorSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), $"The VDI size {capacity} is not a multiple of {VdiHeader.SectorSize} bytes.");
        }

        Capacity = capacity;
        this.seed = seed;
        blockMap = new uint[(capacity + VdiHeader.BlockSize - 1) / VdiHeader.BlockSize];
        Array.Fill(blockMap, Unallocated);

        // Data starts on a 1 MiB boundary, as VirtualBox lays it out.
        dataOffset = (uint)((BlockMapOffset + (blockMap.Length * 4L) + VdiHeader.BlockSize - 1) / VdiHeader.BlockSize * VdiHeader.BlockSize);
        writer = new AppendWriter(output, dataOffset);
        assembler = new BlockAssembler(VdiHeader.BlockSize, capacity, OnBlock);
    }

    public long Capacity { get; }

    public void Write(long offset, ReadOnlySpan<byte> data) => assembler.Write(offset, data);

    public void Complete()
    {
        assembler.Flush();
        var head = new byte[dataOffset];
        new VdiHeader
        {
            DiskSize = Capacity,
            BlockMapOffset = BlockMapOffset,
            DataOffset = dataOffset,
            Blocks = (uint)blockMap.Length,
            BlocksAllocated = allocated,
            ImageUuid = GuidDerivation.Derive(seed, "vdi/image"),
            LastModifyUuid = GuidDerivation.Derive(seed, "vdi/modify"),
        }.WriteTo(head);
        for (var i = 0; i < blockMap.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan((int)BlockMapOffset + (i * 4)), blockMap[i]);
        }

        writer.WriteAt(0, head);
        writer.Flush();
    }

    public void Dispose() => writer.Dispose();

    private void OnBlock(long index, ReadOnlySpan<byte> block)
    {
        blockMap[index] = allocated++;
        writer.Write(block);
    }
}
