using System.Buffers.Binary;
using System.Text;

namespace Hyperbake.Imaging.Fat;

/// <summary>The boot sector with its BIOS parameter block (BPB), FAT12/16 and FAT32 variants.</summary>
public sealed class FatBootSector
{
    /// <summary>Field offsets of the BPB (Microsoft fatgen103).</summary>
    public static class FieldLocations
    {
        public const int Jump = 0;
        public const int OemName = 3;
        public const int BytesPerSector = 11;
        public const int SectorsPerCluster = 13;
        public const int ReservedSectors = 14;
        public const int FatCount = 16;
        public const int RootEntries = 17;
        public const int TotalSectors16 = 19;
        public const int Media = 21;
        public const int FatLength16 = 22;
        public const int SectorsPerTrack = 24;
        public const int Heads = 26;
        public const int HiddenSectors = 28;
        public const int TotalSectors32 = 32;

        // FAT12/16 extended BPB
        public const int DriveNumber16 = 36;
        public const int BootSignature16 = 38;
        public const int VolumeId16 = 39;
        public const int VolumeLabel16 = 43;
        public const int FileSystemType16 = 54;
        public const int BootCode16 = 62;

        // FAT32 extended BPB
        public const int FatLength32 = 36;
        public const int ExtendedFlags = 40;
        public const int FileSystemVersion = 42;
        public const int RootCluster = 44;
        public const int FsInfoSector = 48;
        public const int BackupBootSector = 50;
        public const int DriveNumber32 = 64;
        public const int BootSignature32 = 66;
        public const int VolumeId32 = 67;
        public const int VolumeLabel32 = 71;
        public const int FileSystemType32 = 82;
        public const int BootCode32 = 90;

        public const int Signature = 510;
    }

    public const int FsInfoSectorNumber = 1;
    public const int BackupBootSectorNumber = 6;
    public const uint RootCluster = 2;
    private const byte ExtendedBootSignature = 0x29;

    /// <summary>
    /// Our boot code: "int 18h" asks the BIOS to try the next boot device, then halt. The volume
    /// is not bootable by BIOS; the jump still lands on code, as Windows and firmware expect.
    /// </summary>
    private static ReadOnlySpan<byte> BootCode => [0xCD, 0x18, 0xF4, 0xEB, 0xFD];

    public static void Write(Span<byte> sector, FatLayout layout, string oemName, uint volumeId, byte[] label, uint hiddenSectors)
    {
        sector[..FatLayout.SectorSize].Clear();
        var fat32 = layout.Type == FatType.Fat32;
        var codeOffset = fat32 ? FieldLocations.BootCode32 : FieldLocations.BootCode16;
        sector[0] = 0xEB;
        sector[1] = (byte)(codeOffset - 2);
        sector[2] = 0x90;
        var oem = Encoding.ASCII.GetBytes(oemName.PadRight(8)[..8]);
        oem.CopyTo(sector[FieldLocations.OemName..]);
        BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.BytesPerSector..], FatLayout.SectorSize);
        sector[FieldLocations.SectorsPerCluster] = (byte)layout.SectorsPerCluster;
        BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.ReservedSectors..], (ushort)layout.ReservedSectors);
        sector[FieldLocations.FatCount] = FatLayout.FatCount;
        BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.RootEntries..], (ushort)layout.RootEntries);
        if (layout.TotalSectors < 65536)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.TotalSectors16..], (ushort)layout.TotalSectors);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.TotalSectors32..], layout.TotalSectors);
        }

        sector[FieldLocations.Media] = layout.Media;
        BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.SectorsPerTrack..], layout.SectorsPerTrack);
        BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.Heads..], layout.Heads);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.HiddenSectors..], hiddenSectors);

        var driveNumber = layout.Media == 0xF8 ? (byte)0x80 : (byte)0;
        var type = Encoding.ASCII.GetBytes($"FAT{(int)layout.Type}   ");
        if (fat32)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.FatLength32..], layout.FatLength);
            BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.RootCluster..], RootCluster);
            BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.FsInfoSector..], FsInfoSectorNumber);
            BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.BackupBootSector..], BackupBootSectorNumber);
            sector[FieldLocations.DriveNumber32] = driveNumber;
            sector[FieldLocations.BootSignature32] = ExtendedBootSignature;
            BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.VolumeId32..], volumeId);
            label.CopyTo(sector[FieldLocations.VolumeLabel32..]);
            type.CopyTo(sector[FieldLocations.FileSystemType32..]);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(sector[FieldLocations.FatLength16..], (ushort)layout.FatLength);
            sector[FieldLocations.DriveNumber16] = driveNumber;
            sector[FieldLocations.BootSignature16] = ExtendedBootSignature;
            BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.VolumeId16..], volumeId);
            label.CopyTo(sector[FieldLocations.VolumeLabel16..]);
            type.CopyTo(sector[FieldLocations.FileSystemType16..]);
        }

        BootCode.CopyTo(sector[codeOffset..]);
        sector[FieldLocations.Signature] = 0x55;
        sector[FieldLocations.Signature + 1] = 0xAA;
    }
}
