namespace Hyperbake.Imaging.Fat;

/// <summary>
/// Encodes the file allocation table from the sorted list of cluster runs, a chunk at a time, so
/// the FAT of a large volume is streamed rather than built in memory.
/// </summary>
public sealed class FatAllocationTable(FatLayout layout, IReadOnlyList<FatClusterRun> runs)
{
    /// <summary>Clusters encoded per chunk (even, so FAT12's 3-byte pairs never straddle chunks).</summary>
    private const int ChunkClusters = 1 << 16;

    public uint EndOfChain => layout.Type switch
    {
        FatType.Fat12 => 0xFFF,
        FatType.Fat16 => 0xFFFF,
        _ => 0x0FFFFFFF,
    };

    /// <summary>The last FAT entry that is not zero; the FAT bytes after it are zero and need not be written.</summary>
    public uint HighestEntry => runs.Count == 0 ? 1 : runs[^1].LastCluster;

    /// <summary>Bytes of FAT that hold the entries up to <see cref="HighestEntry"/>.</summary>
    public long UsedBytes => layout.Type switch
    {
        FatType.Fat12 => ((((long)HighestEntry + 1) * 3) + 1) / 2,
        FatType.Fat16 => ((long)HighestEntry + 1) * 2,
        _ => ((long)HighestEntry + 1) * 4,
    };

    /// <summary>Writes the used part of one FAT copy at the stream's current position.</summary>
    public void WriteTo(Stream output)
    {
        var entries = new uint[ChunkClusters];
        var bytes = new byte[ChunkClusters * 4];
        var runIndex = 0;
        long written = 0;
        var used = UsedBytes;
        for (long first = 0; written < used; first += ChunkClusters)
        {
            Array.Clear(entries);
            for (var i = 0; i < ChunkClusters; i++)
            {
                var cluster = first + i;
                if (cluster == 0)
                {
                    entries[i] = EndOfChain & ~0xFFu | layout.Media;
                    continue;
                }

                if (cluster == 1)
                {
                    entries[i] = EndOfChain;
                    continue;
                }

                while (runIndex < runs.Count && runs[runIndex].LastCluster < cluster)
                {
                    runIndex++;
                }

                if (runIndex < runs.Count && runs[runIndex].FirstCluster <= cluster)
                {
                    entries[i] = cluster == runs[runIndex].LastCluster ? EndOfChain : (uint)cluster + 1;
                }
            }

            var length = Encode(entries, bytes);
            var take = (int)Math.Min(length, used - written);
            output.Write(bytes, 0, take);
            written += take;
        }
    }

    private int Encode(uint[] entries, byte[] bytes)
    {
        switch (layout.Type)
        {
            case FatType.Fat12:
                for (int i = 0, o = 0; i < entries.Length; i += 2, o += 3)
                {
                    var a = entries[i];
                    var b = entries[i + 1];
                    bytes[o] = (byte)a;
                    bytes[o + 1] = (byte)((a >> 8) & 0x0F | (b & 0x0F) << 4);
                    bytes[o + 2] = (byte)(b >> 4);
                }

                return entries.Length * 3 / 2;
            case FatType.Fat16:
                for (var i = 0; i < entries.Length; i++)
                {
                    bytes[2 * i] = (byte)entries[i];
                    bytes[(2 * i) + 1] = (byte)(entries[i] >> 8);
                }

                return entries.Length * 2;
            default:
                for (var i = 0; i < entries.Length; i++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), entries[i]);
                }

                return entries.Length * 4;
        }
    }
}
