namespace Hyperbake.Imaging.Fat;

/// <summary>
/// The geometry of a FAT volume: where the reserved sectors, the two FATs, the FAT12/16 root
/// directory and the data clusters lie. <see cref="TryCompute"/> chooses the FAT type and cluster
/// size the way mkfs.vfat (dosfstools 4.x) does, so images look like the ones users know.
/// </summary>
public sealed record FatLayout
{
    public const int SectorSize = 512;
    public const int FatCount = 2;

    /// <summary>
    /// Below this many clusters a volume is FAT12 whatever its BPB says: Microsoft's rule is 4085,
    /// Windows' fastfat driver uses 4087, so mkfs.vfat (and we) keep clear of both.
    /// </summary>
    public const int Fat16MinClusters = 4087;

    /// <summary>Below this many clusters a volume is FAT16 (Microsoft's rule).</summary>
    public const int Fat32MinClusters = 65525;

    // mkfs.vfat 4.2's limits: FAT12 stops short of the FAT16 threshold, FAT16 and FAT32 of their reserved values.
    private const int MaxClusters12 = 4084;
    private const int MaxClusters16 = 65524;
    private const int MaxClusters32 = 268435446;
    private const long Fat32AutoThreshold = 512L * 1024 * 1024;

    public required FatType Type { get; init; }

    public required uint TotalSectors { get; init; }

    public required int SectorsPerCluster { get; init; }

    public required int ReservedSectors { get; init; }

    /// <summary>Sectors per FAT copy.</summary>
    public required uint FatLength { get; init; }

    /// <summary>Root directory slots (FAT12/16 only; 0 on FAT32).</summary>
    public required int RootEntries { get; init; }

    public required uint ClusterCount { get; init; }

    public required byte Media { get; init; }

    public required ushort SectorsPerTrack { get; init; }

    public required ushort Heads { get; init; }

    public int ClusterBytes => SectorsPerCluster * SectorSize;

    public long RootDirectorySector => ReservedSectors + (long)FatCount * FatLength;

    public int RootDirectorySectors => RootEntries * 32 / SectorSize;

    public long DataSector => RootDirectorySector + RootDirectorySectors;

    public long SizeBytes => (long)TotalSectors * SectorSize;

    /// <summary>The byte offset of a data cluster (clusters are numbered from 2).</summary>
    public long ClusterOffset(uint cluster) => (DataSector + (long)(cluster - 2) * SectorsPerCluster) * SectorSize;

    /// <summary>
    /// Lays out a volume of <paramref name="totalSectors"/>. Returns null with a reason when no
    /// layout exists (too small, too big for the requested type, or mkfs.vfat's "unfortunate size").
    /// </summary>
    public static FatLayout? TryCompute(long totalSectors, FatType? requestedType, int? requestedSectorsPerCluster, int minimumRootEntries, out string reason)
    {
        reason = "";
        if (totalSectors > uint.MaxValue)
        {
            reason = $"FAT holds at most {uint.MaxValue} sectors of {SectorSize} bytes";
            return null;
        }

        var bytes = totalSectors * SectorSize;
        var (sectorsPerTrack, heads) = bytes < Fat32AutoThreshold ? (32, 64) : (63, 255);
        byte media = 0xF8;
        var clusterSize = 4;
        var rootEntries = 512;
        switch (bytes / 1024)
        {
            // mkfs.vfat keeps the classic floppy geometries for images of exactly these sizes.
            case 360: (sectorsPerTrack, heads, media, clusterSize, rootEntries) = (9, 2, 0xFD, 2, 112); break;
            case 720: (sectorsPerTrack, heads, media, clusterSize, rootEntries) = (9, 2, 0xF9, 2, 112); break;
            case 1200: (sectorsPerTrack, heads, media, clusterSize, rootEntries) = (15, 2, 0xF9, 1, 224); break;
            case 1440: (sectorsPerTrack, heads, media, clusterSize, rootEntries) = (18, 2, 0xF0, 1, 224); break;
            case 2880: (sectorsPerTrack, heads, media, clusterSize, rootEntries) = (36, 2, 0xF0, 2, 224); break;
        }

        var sizeFat = requestedType is { } t ? (int)t : bytes >= Fat32AutoThreshold ? 32 : 0;
        if (sizeFat == 32)
        {
            // Microsoft's FAT32 cluster table (fatgen103), as mkfs.vfat applies it.
            var mb = bytes / (1024 * 1024);
            clusterSize = mb > 32 * 1024 ? 64 : mb > 16 * 1024 ? 32 : mb > 8 * 1024 ? 16 : mb > 260 ? 8 : 1;
            rootEntries = 0;
        }
        else
        {
            rootEntries = Math.Max(rootEntries, (minimumRootEntries + 15) / 16 * 16);
        }

        var maxClusterSize = 128;
        if (requestedSectorsPerCluster is { } spc)
        {
            if (spc is < 1 or > 128 || (spc & (spc - 1)) != 0)
            {
                reason = $"sectors per cluster must be a power of two from 1 to 128, not {spc}";
                return null;
            }

            clusterSize = maxClusterSize = spc;
        }

        var reserved = sizeFat == 32 ? 32 : 1;
        var align = totalSectors > 8192;
        long Align(long sectors, long cluster) => align ? (sectors + cluster - 1) & ~(cluster - 1) : sectors;
        static long CeilDiv(long a, long b) => (a + b - 1) / b;

        var rootDirSectors = CeilDiv(rootEntries * 32L, SectorSize);
        long clusters12 = 0, clusters16 = 0, clusters32 = 0, length12 = 0, length16 = 0, length32 = 0;
        var found = false;
        for (; clusterSize <= maxClusterSize; clusterSize <<= 1)
        {
            var data32 = totalSectors - Align(reserved, clusterSize);
            var data1216 = data32 - Align(rootDirSectors, clusterSize);

            clusters12 = 2 * (data1216 * SectorSize + FatCount * 3) / (2 * clusterSize * SectorSize + FatCount * 3);
            length12 = Align(CeilDiv(((clusters12 + 2) * 3 + 1) >> 1, SectorSize), clusterSize);
            clusters12 = Math.Max(0, (data1216 - FatCount * length12) / clusterSize);
            var max12 = Math.Min(length12 * 2 * SectorSize / 3, MaxClusters12);
            if (clusters12 > max12)
            {
                clusters12 = 0;
            }

            clusters16 = (data1216 * SectorSize + FatCount * 4) / (clusterSize * SectorSize + FatCount * 2);
            length16 = Align(CeilDiv((clusters16 + 2) * 2, SectorSize), clusterSize);
            clusters16 = Math.Max(0, (data1216 - FatCount * length16) / clusterSize);
            var max16 = Math.Min(length16 * SectorSize / 2, MaxClusters16);
            if (clusters16 > max16 || (clusters16 < Fat16MinClusters && requestedType != Fat.FatType.Fat16))
            {
                clusters16 = 0;
            }

            clusters32 = (data32 * SectorSize + FatCount * 8) / (clusterSize * SectorSize + FatCount * 4);
            length32 = Align(CeilDiv((clusters32 + 2) * 4, SectorSize), clusterSize);
            clusters32 = Math.Max(0, (data32 - FatCount * length32) / clusterSize);
            var max32 = Math.Min(length32 * SectorSize / 4, MaxClusters32);
            if ((clusters32 > 0 && clusters32 < Fat32MinClusters && requestedType != Fat.FatType.Fat32) || clusters32 > max32)
            {
                clusters32 = 0;
            }

            if ((clusters12 > 0 && sizeFat is 0 or 12) || (clusters16 > 0 && sizeFat is 0 or 16) || (clusters32 > 0 && sizeFat == 32))
            {
                found = true;
                break;
            }
        }

        if (!found)
        {
            reason = sizeFat == 0
                ? "neither FAT12 nor FAT16 fits this size (too small, or between the two; try a slightly different size)"
                : $"FAT{sizeFat} cannot address this size at up to {maxClusterSize} sectors per cluster";
            return null;
        }

        if (sizeFat == 0)
        {
            sizeFat = clusters16 > clusters12 ? 16 : 12;
        }

        var (clusters, fatLength) = sizeFat switch
        {
            12 => (clusters12, length12),
            16 => (clusters16, length16),
            _ => (clusters32, length32),
        };
        if (sizeFat == 16 && clusters < Fat16MinClusters)
        {
            reason = $"FAT16 needs at least {Fat16MinClusters} clusters to be recognised as FAT16 (by Windows), this size gives {clusters}; use FAT12 or a larger size";
            return null;
        }

        if (sizeFat == 32 && clusters < Fat32MinClusters)
        {
            reason = $"FAT32 needs at least {Fat32MinClusters} clusters to be recognised as FAT32, this size gives {clusters} of {clusterSize * SectorSize} bytes; use FAT16 or at least {(long)(Fat32MinClusters + 2) * clusterSize * SectorSize * 103 / 100} bytes";
            return null;
        }

        reserved = (int)Align(reserved, clusterSize);
        if (sizeFat != 32 && align)
        {
            rootEntries = (int)(Align(rootDirSectors, clusterSize) * (SectorSize / 32));
        }

        var layout = new FatLayout
        {
            Type = (FatType)sizeFat,
            TotalSectors = (uint)totalSectors,
            SectorsPerCluster = clusterSize,
            ReservedSectors = reserved,
            FatLength = (uint)fatLength,
            RootEntries = sizeFat == 32 ? 0 : rootEntries,
            ClusterCount = (uint)clusters,
            Media = media,
            SectorsPerTrack = (ushort)sectorsPerTrack,
            Heads = (ushort)heads,
        };
        if (layout.DataSector + (long)clusters * clusterSize > totalSectors || layout.DataSector + 32 > totalSectors)
        {
            reason = "the volume is too small for its own tables";
            return null;
        }

        return layout;
    }
}
