using Hyperbake.Imaging.Iso9660.ElTorito;
using Hyperbake.Imaging.Iso9660.Layout;
using Hyperbake.Imaging.Iso9660.Structures;

namespace Hyperbake.Imaging.Iso9660.Writing;

/// <summary>
/// Streams a planned layout front to back. Only one directory extent and one copy buffer are in
/// memory at a time; the system area is skipped (it stays a hole or zeros).
/// </summary>
internal sealed class IsoImageWriter(IsoLayout layout)
{
    private const int CopyBufferSize = 1 << 20;
    private const int BlockSize = IsoLayoutConstants.BlockSize;

    private readonly IsoOptions options = layout.Options;

    public void WriteTo(Stream output)
    {
        var block = new byte[BlockSize];
        output.Seek((long)IsoLayoutConstants.FirstVolumeDescriptorBlock * BlockSize, SeekOrigin.Begin);

        PrimaryDescriptor().WriteTo(block);
        output.Write(block);
        if (layout.BootRecordBlock >= 0)
        {
            Expect(output, layout.BootRecordBlock);
            BootRecordVolumeDescriptor.Write(block, layout.CatalogBlock);
            output.Write(block);
        }

        if (layout.Joliet is not null)
        {
            Expect(output, layout.JolietDescriptorBlock);
            JolietDescriptor().WriteTo(block);
            output.Write(block);
        }

        Expect(output, layout.TerminatorBlock);
        block.AsSpan().Clear();
        VolumeDescriptorHeader.WriteSetTerminator(block);
        output.Write(block);

        if (layout.CatalogBlock >= 0)
        {
            Expect(output, layout.CatalogBlock);
            BootCatalog.Write(block, [.. layout.BootImages.Select(b => new PlacedBootImage(b.Platform, b.SectorCount, b.Data.Block))]);
            output.Write(block);
        }

        foreach (var hierarchy in layout.Hierarchies())
        {
            Expect(output, hierarchy.LPathTableBlock);
            output.Write(PathTable(hierarchy, bigEndian: false));
            Expect(output, hierarchy.MPathTableBlock);
            output.Write(PathTable(hierarchy, bigEndian: true));
        }

        foreach (var hierarchy in layout.Hierarchies())
        {
            foreach (var directory in hierarchy.Directories)
            {
                Expect(output, directory.Block);
                output.Write(DirectoryExtent(directory));
            }
        }

        Expect(output, layout.ContinuationBlock);
        foreach (var continuation in layout.Continuations.Blocks(layout.ContinuationBlock))
        {
            output.Write(continuation);
        }

        var buffer = new byte[CopyBufferSize];
        foreach (var file in layout.Files)
        {
            if (file.Length == 0)
            {
                continue;
            }

            Expect(output, file.Block);
            CopyFile(file, output, buffer);
        }

        Expect(output, layout.TotalBlocks);
        output.Flush();
    }

    private VolumeDescriptor PrimaryDescriptor() => new()
    {
        SystemId = Encoding.IsoCharacters.ToACharacters(options.SystemIdentifier),
        VolumeId = Encoding.IsoCharacters.ToDCharacters(options.VolumeLabel),
        PublisherId = Encoding.IsoCharacters.ToACharacters(options.PublisherIdentifier),
        DataPreparerId = Encoding.IsoCharacters.ToACharacters(options.DataPreparerIdentifier),
        ApplicationId = Encoding.IsoCharacters.ToACharacters(options.ApplicationIdentifier),
        VolumeSpaceBlocks = layout.TotalBlocks,
        PathTableBytes = layout.Primary.PathTableBytes,
        LPathTableBlock = layout.Primary.LPathTableBlock,
        MPathTableBlock = layout.Primary.MPathTableBlock,
        RootBlock = layout.Primary.Root.Block,
        RootBytes = layout.Primary.Root.Size,
        Timestamp = options.SourceDateEpoch,
    };

    private VolumeDescriptor JolietDescriptor() => new()
    {
        Joliet = true,
        SystemId = options.SystemIdentifier,
        VolumeId = options.VolumeLabel,
        PublisherId = options.PublisherIdentifier,
        DataPreparerId = options.DataPreparerIdentifier,
        ApplicationId = options.ApplicationIdentifier,
        VolumeSpaceBlocks = layout.TotalBlocks,
        PathTableBytes = layout.Joliet!.PathTableBytes,
        LPathTableBlock = layout.Joliet.LPathTableBlock,
        MPathTableBlock = layout.Joliet.MPathTableBlock,
        RootBlock = layout.Joliet.Root.Block,
        RootBytes = layout.Joliet.Root.Size,
        Timestamp = options.SourceDateEpoch,
    };

    private static byte[] PathTable(Hierarchy hierarchy, bool bigEndian)
    {
        var table = new byte[hierarchy.PathTableBlocks * BlockSize];
        var at = 0;
        foreach (var directory in hierarchy.Directories)
        {
            at += PathTableRecord.Write(table.AsSpan(at), directory.Identifier, directory.Block, directory.Parent.Number, bigEndian);
        }

        return table;
    }

    private byte[] DirectoryExtent(HierarchyDirectory directory)
    {
        var extent = new byte[directory.Size];
        var at = 0;
        var time = options.SourceDateEpoch;
        var suBuffer = new byte[IsoLayoutConstants.MaxRecordLength];

        void Place(ReadOnlySpan<byte> identifier, long block, long length, bool isDirectory, RockRidge.SystemUseField systemUse)
        {
            var recordLength = DirectoryRecord.FixedLength(identifier.Length) + systemUse.Length;
            if (at % BlockSize + recordLength > BlockSize)
            {
                at = (at / BlockSize + 1) * BlockSize;
            }

            systemUse.WriteTo(suBuffer, layout.ContinuationBlock);
            at += DirectoryRecord.Write(extent.AsSpan(at), identifier, block, length, time, isDirectory, suBuffer.AsSpan(0, systemUse.Length));
        }

        Place([0], directory.Block, directory.Size, true, directory.DotSystemUse);
        Place([1], directory.Parent.Block, directory.Parent.Size, true, directory.DotDotSystemUse);
        foreach (var record in directory.Records)
        {
            if (record.Directory is { } child)
            {
                Place(record.Identifier, child.Block, child.Size, true, record.SystemUse);
            }
            else
            {
                var data = record.Entry.Data;
                Place(record.Identifier, data?.Block ?? 0, data?.Length ?? 0, false, record.SystemUse);
            }
        }

        return extent;
    }

    private static void CopyFile(FileData file, Stream output, byte[] buffer)
    {
        using var input = file.Content.OpenRead();
        long copied = 0;
        while (copied < file.Length)
        {
            var want = (int)Math.Min(buffer.Length, file.Length - copied);
            var read = input.Read(buffer, 0, want);
            if (read <= 0)
            {
                throw new IsoBuildException(
                    $"File '{file.Path}' ended after {copied} of {file.Length} bytes; it changed while the image was being written. Rebuild from a stable tree.");
            }

            if (file.Patch is { } patch)
            {
                Overlay(buffer.AsSpan(0, read), copied, patch, file.PatchOffset);
            }

            output.Write(buffer, 0, read);
            copied += read;
        }

        var tail = (int)(file.Length % BlockSize);
        if (tail != 0)
        {
            Array.Clear(buffer, 0, BlockSize - tail);
            output.Write(buffer, 0, BlockSize - tail);
        }
    }

    /// <summary>Lays <paramref name="patch"/> (at file offset <paramref name="patchOffset"/>) over the chunk that starts at <paramref name="chunkOffset"/>.</summary>
    private static void Overlay(Span<byte> chunk, long chunkOffset, byte[] patch, int patchOffset)
    {
        var start = Math.Max(chunkOffset, patchOffset);
        var end = Math.Min(chunkOffset + chunk.Length, patchOffset + patch.Length);
        for (var i = start; i < end; i++)
        {
            chunk[(int)(i - chunkOffset)] = patch[i - patchOffset];
        }
    }

    private static void Expect(Stream output, long block)
    {
        if (output.Position != block * BlockSize)
        {
            throw new InvalidOperationException($"ISO layout and stream disagree: at byte {output.Position}, expected block {block}.");
        }
    }
}
