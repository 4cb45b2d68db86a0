namespace Hyperbake.Imaging.Iso9660.Structures;

/// <summary>Fixed geometry of an ISO 9660 volume as every reader expects it.</summary>
internal static class IsoLayoutConstants
{
    /// <summary>The logical block (and sector) size; CD media and every tool assume 2048.</summary>
    public const int BlockSize = 2048;

    /// <summary>Blocks 0..15 are the system area (ECMA-119 6.2.1); volume descriptors start at 16.</summary>
    public const int FirstVolumeDescriptorBlock = 16;

    /// <summary>A directory record's length is one byte.</summary>
    public const int MaxRecordLength = 255;

    public static long BlocksFor(long bytes) => (bytes + BlockSize - 1) / BlockSize;
}
