using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>
/// metadata_csum's crc32c seeds: the filesystem seed is crc32c(~0, uuid); each inode's seed
/// folds in its number and generation, and every block owned by an inode is checksummed from it.
/// </summary>
internal static class MetadataChecksum
{
    public static uint FilesystemSeed(ReadOnlySpan<byte> uuid) => Crc32C.Update(~0u, uuid);

    public static uint InodeSeed(uint filesystemSeed, uint inodeNumber, uint generation = 0)
    {
        Span<byte> le = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(le, inodeNumber);
        var crc = Crc32C.Update(filesystemSeed, le);
        BinaryPrimitives.WriteUInt32LittleEndian(le, generation);
        return Crc32C.Update(crc, le);
    }
}
