using System.Buffers.Binary;
using Hyperbake.Imaging.Iso9660.Encoding;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Iso9660.ElTorito;

/// <summary>
/// The 56-byte table mkisofs' <c>-boot-info-table</c> writes at offset 8 of a BIOS no-emulation
/// image (isolinux.bin, GRUB's eltorito.img read it to find the disc): the PVD block, the image's
/// block and length, and a 32-bit sum of the image's little-endian words from byte 64 on.
/// </summary>
internal static class BootInfoTable
{
    public const int Offset = 8;
    public const int Length = 56;

    public const int PrimaryVolumeDescriptorBlock = 0;
    public const int BootFileBlock = 4;
    public const int BootFileLength = 8;
    public const int Checksum = 12;

    /// <summary>The first byte the checksum covers: everything after the table.</summary>
    public const int ChecksumStart = Offset + Length;

    public static byte[] Create(long bootFileBlock, long bootFileLength, uint checksum)
    {
        var table = new byte[Length];
        IsoBinary.WriteLittle32(table.AsSpan(PrimaryVolumeDescriptorBlock), Structures.IsoLayoutConstants.FirstVolumeDescriptorBlock);
        IsoBinary.WriteLittle32(table.AsSpan(BootFileBlock), bootFileBlock);
        IsoBinary.WriteLittle32(table.AsSpan(BootFileLength), bootFileLength);
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(Checksum), checksum);
        return table;
    }

    /// <summary>Reads the image once and sums its words after the table (a short last word is zero-padded).</summary>
    public static uint ComputeChecksum(IContentSource image, string name)
    {
        if (image.Length < ChecksumStart)
        {
            throw new IsoBuildException(
                $"BIOS boot image '{name}' is {image.Length} bytes, too small for a boot info table (needs at least {ChecksumStart}). Turn off BiosBootInfoTable or use an isolinux/GRUB El Torito image.");
        }

        using var stream = image.OpenRead();
        var buffer = new byte[1 << 16];
        long position = 0;
        uint sum = 0;
        var word = new byte[4];
        var wordFill = 0;
        int read;
        while (position < image.Length && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, image.Length - position))) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (position + i < ChecksumStart)
                {
                    continue;
                }

                word[wordFill++] = buffer[i];
                if (wordFill == 4)
                {
                    sum += BinaryPrimitives.ReadUInt32LittleEndian(word);
                    wordFill = 0;
                }
            }

            position += read;
        }

        if (wordFill > 0)
        {
            word.AsSpan(wordFill).Clear();
            sum += BinaryPrimitives.ReadUInt32LittleEndian(word);
        }

        return sum;
    }
}
