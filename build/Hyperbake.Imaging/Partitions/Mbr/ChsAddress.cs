namespace Hyperbake.Imaging.Partitions.Mbr;

/// <summary>
/// The legacy cylinder/head/sector triple of an MBR entry, computed as fdisk and sfdisk expect
/// for LBA disks: 255 heads, 63 sectors per track, and 1023/254/63 for every sector past
/// the addressable limit (about 8 GiB).
/// </summary>
public readonly record struct ChsAddress(int Cylinder, int Head, int Sector)
{
    public const int Heads = 255;
    public const int SectorsPerTrack = 63;

    /// <summary>The "too far to address" value tools write for large LBAs.</summary>
    public static readonly ChsAddress Maximum = new(1023, 254, 63);

    public static ChsAddress FromLba(long lba)
    {
        var cylinder = lba / (Heads * SectorsPerTrack);
        if (cylinder > 1023)
        {
            return Maximum;
        }

        return new ChsAddress((int)cylinder, (int)(lba / SectorsPerTrack % Heads), (int)(lba % SectorsPerTrack) + 1);
    }

    /// <summary>Packs the triple into the 3 on-disk bytes (head, sector | cylinder bits 8–9, cylinder bits 0–7).</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)Head;
        destination[1] = (byte)((Sector & 0x3F) | ((Cylinder >> 2) & 0xC0));
        destination[2] = (byte)(Cylinder & 0xFF);
    }
}
