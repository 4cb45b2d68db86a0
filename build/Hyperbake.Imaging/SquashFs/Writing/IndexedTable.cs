using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// Writes the tables the superblock reaches through an index (fragment, export, id, xattr id):
/// the entries as metadata blocks, then right after them the 64-bit absolute position of each
/// block. The kernel insists the index follows its last block within one block's size.
/// </summary>
internal static class IndexedTable
{
    /// <summary>Writes the blocks and, unless <paramref name="writeIndex"/> is false, the index; returns the blocks' absolute positions and where the index starts.</summary>
    public static (long IndexStart, long[] BlockPositions) Write(Stream output, ReadOnlySpan<byte> entries, BlockCompressor compressor, bool writeIndex = true)
    {
        var start = output.Position;
        var table = new MetadataWriter(compressor);
        table.Write(entries);
        table.Finish();
        table.CopyTo(output);
        var positions = table.BlockStarts.Select(b => start + b).ToArray();
        var indexStart = output.Position;
        if (writeIndex)
        {
            WriteIndex(output, positions);
        }

        return (indexStart, positions);
    }

    public static void WriteIndex(Stream output, long[] positions)
    {
        Span<byte> word = stackalloc byte[8];
        foreach (var position in positions)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, (ulong)position);
            output.Write(word);
        }
    }
}
