using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Hyperbake.Imaging.Checksums;
using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Imaging.Streams;
using static Hyperbake.Imaging.VirtualDisks.Vhdx.VhdxStructures;

namespace Hyperbake.Imaging.VirtualDisks.Vhdx;

/// <summary>
/// Writes a dynamic VHDX in one forward pass: the fixed 1 MiB header section (file identifier,
/// two headers, two region tables), an empty 1 MiB log, the metadata region, the BAT, then
/// payload blocks appended as they arrive. All-zero blocks stay "not present". Every GUID is
/// derived from the seed.
/// </summary>
public sealed class VhdxWriter : IDiskImageSink
{
    private readonly VhdxOptions options;
    private readonly string seed;
    private readonly long chunkRatio;
    private readonly ulong[] bat;
    private readonly long batLength;
    private readonly AppendWriter writer;
    private readonly BlockAssembler assembler;

    public VhdxWriter(Stream output, long capacity, string seed, VhdxOptions? options = null)
    {
        this.options = options ?? new VhdxOptions();
        var blockSize = this.options.BlockSize;
        if (blockSize < Alignment || blockSize > 256 * Alignment || !BitOperations.IsPow2(blockSize))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The VHDX block size is {blockSize}; it must be a power of two from 1 MiB to 256 MiB.");
        }

        if (this.options.LogicalSectorSize is not (512 or 4096) || this.options.PhysicalSectorSize is not (512 or 4096))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "VHDX sector sizes are 512 or 4096.");
        }

        if (capacity % this.options.LogicalSectorSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), $"The VHDX size {capacity} is not a multiple of the {this.options.LogicalSectorSize}-byte logical sector.");
        }

        Capacity = capacity;
        this.seed = seed;
        chunkRatio = (1L << 23) * this.options.LogicalSectorSize / blockSize;
        var dataBlocks = (capacity + blockSize - 1) / blockSize;
        var entries = dataBlocks == 0 ? 0 : dataBlocks + ((dataBlocks - 1) / chunkRatio);
        bat = new ulong[entries];
        batLength = Math.Max(Alignment, (entries * 8 + Alignment - 1) / Alignment * Alignment);
        writer = new AppendWriter(output, BatOffset + batLength);
        assembler = new BlockAssembler(blockSize, capacity, OnBlock);
    }

    public long Capacity { get; }

    public void Write(long offset, ReadOnlySpan<byte> data) => assembler.Write(offset, data);

    public void Complete()
    {
        assembler.Flush();

        var head = new byte[BatOffset];
        WriteFileIdentifier(head);
        WriteHeader(head.AsSpan((int)Header1Offset, HeaderSize), 1);
        WriteHeader(head.AsSpan((int)Header2Offset, HeaderSize), 2);
        WriteRegionTable(head.AsSpan((int)RegionTable1Offset, RegionTableSize));
        WriteRegionTable(head.AsSpan((int)RegionTable2Offset, RegionTableSize));
        WriteMetadata(head.AsSpan((int)MetadataOffset, MetadataLength));
        writer.WriteAt(0, head);

        var batBytes = new byte[batLength];
        for (var i = 0; i < bat.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(batBytes.AsSpan(i * 8), bat[i]);
        }

        writer.WriteAt(BatOffset, batBytes);
        writer.Flush();
    }

    public void Dispose() => writer.Dispose();

    private void OnBlock(long index, ReadOnlySpan<byte> block)
    {
        var offset = writer.Position; // always 1 MiB aligned: blocks are whole MiBs
        writer.Write(block);
        bat[index + (index / chunkRatio)] = (ulong)offset | PayloadBlockFullyPresent;
    }

    private Guid Derived(string purpose) => GuidDerivation.Derive(seed, "vhdx/" + purpose);

    private static void WriteFileIdentifier(Span<byte> d)
    {
        FileSignature.CopyTo(d);
        Encoding.Unicode.GetBytes("Hyperbake", d[8..]);
    }

    private void WriteHeader(Span<byte> d, ulong sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(d[HeaderFields.Signature..], HeaderSignature);
        BinaryPrimitives.WriteUInt64LittleEndian(d[HeaderFields.SequenceNumber..], sequence);
        GuidEncoding.WriteMixedEndian(d[HeaderFields.FileWriteGuid..], Derived("file-write"));
        GuidEncoding.WriteMixedEndian(d[HeaderFields.DataWriteGuid..], Derived("data-write"));

        // LogGuid stays zero: there is no log to replay.
        BinaryPrimitives.WriteUInt16LittleEndian(d[HeaderFields.LogVersion..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(d[HeaderFields.Version..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(d[HeaderFields.LogLength..], LogLength);
        BinaryPrimitives.WriteUInt64LittleEndian(d[HeaderFields.LogOffset..], LogOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(d[HeaderFields.Checksum..], Crc32C.Compute(d[..HeaderSize]));
    }

    private void WriteRegionTable(Span<byte> d)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(d[RegionTableFields.Signature..], RegionTableSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(d[RegionTableFields.EntryCount..], 2);
        WriteRegion(d[RegionTableFields.FirstEntry..], BatRegion, BatOffset, (uint)batLength);
        WriteRegion(d[(RegionTableFields.FirstEntry + RegionTableFields.EntrySize)..], MetadataRegion, MetadataOffset, MetadataLength);
        BinaryPrimitives.WriteUInt32LittleEndian(d[RegionTableFields.Checksum..], Crc32C.Compute(d[..RegionTableSize]));

        static void WriteRegion(Span<byte> e, Guid id, long offset, uint length)
        {
            GuidEncoding.WriteMixedEndian(e[RegionTableFields.EntryGuid..], id);
            BinaryPrimitives.WriteInt64LittleEndian(e[RegionTableFields.EntryFileOffset..], offset);
            BinaryPrimitives.WriteUInt32LittleEndian(e[RegionTableFields.EntryLength..], length);
            BinaryPrimitives.WriteUInt32LittleEndian(e[RegionTableFields.EntryRequired..], 1);
        }
    }

    private void WriteMetadata(Span<byte> d)
    {
        MetadataSignature.CopyTo(d);
        var items = new (Guid Id, uint Flags, byte[] Data)[]
        {
            (FileParametersItem, MetadataFields.IsRequired, Bytes(8, s => BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)options.BlockSize))),
            (VirtualDiskSizeItem, MetadataFields.IsRequired | MetadataFields.IsVirtualDisk, Bytes(8, s => BinaryPrimitives.WriteInt64LittleEndian(s, Capacity))),
            (Page83DataItem, MetadataFields.IsRequired | MetadataFields.IsVirtualDisk, Bytes(16, s => GuidEncoding.WriteMixedEndian(s, Derived("page83")))),
            (LogicalSectorSizeItem, MetadataFields.IsRequired | MetadataFields.IsVirtualDisk, Bytes(4, s => BinaryPrimitives.WriteInt32LittleEndian(s, options.LogicalSectorSize))),
            (PhysicalSectorSizeItem, MetadataFields.IsRequired | MetadataFields.IsVirtualDisk, Bytes(4, s => BinaryPrimitives.WriteInt32LittleEndian(s, options.PhysicalSectorSize))),
        };
        BinaryPrimitives.WriteUInt16LittleEndian(d[MetadataFields.EntryCount..], (ushort)items.Length);
        var itemOffset = MetadataFields.ItemsOffset;
        for (var i = 0; i < items.Length; i++)
        {
            var e = d[(MetadataFields.FirstEntry + (i * MetadataFields.EntrySize))..];
            GuidEncoding.WriteMixedEndian(e[MetadataFields.EntryItemId..], items[i].Id);
            BinaryPrimitives.WriteInt32LittleEndian(e[MetadataFields.EntryOffset..], itemOffset);
            BinaryPrimitives.WriteInt32LittleEndian(e[MetadataFields.EntryLength..], items[i].Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(e[MetadataFields.EntryFlags..], items[i].Flags);
            items[i].Data.CopyTo(d[itemOffset..]);
            itemOffset += (items[i].Data.Length + 7) & ~7;
        }

        static byte[] Bytes(int length, SpanAction write)
        {
            var b = new byte[length];
            write(b);
            return b;
        }
    }

    private delegate void SpanAction(Span<byte> span);
}
