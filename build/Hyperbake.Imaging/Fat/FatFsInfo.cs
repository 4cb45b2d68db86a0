using System.Buffers.Binary;

namespace Hyperbake.Imaging.Fat;

/// <summary>The FAT32 FSInfo sector: signatures plus the free cluster count and allocation hint.</summary>
public static class FatFsInfo
{
    public static class FieldLocations
    {
        public const int LeadSignature = 0;
        public const int StructSignature = 484;
        public const int FreeCount = 488;
        public const int NextFree = 492;
        public const int TrailSignature = 508;
    }

    public const uint LeadSignature = 0x41615252;
    public const uint StructSignature = 0x61417272;
    public const uint TrailSignature = 0xAA550000;

    public static void Write(Span<byte> sector, uint freeClusters, uint nextFree)
    {
        sector[..FatLayout.SectorSize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.LeadSignature..], LeadSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.StructSignature..], StructSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.FreeCount..], freeClusters);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.NextFree..], nextFree);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[FieldLocations.TrailSignature..], TrailSignature);
    }
}
