using System.Buffers.Binary;

namespace Hyperbake.Imaging.Partitions.Mbr;

/// <summary>One 16-byte slot of the MBR partition table.</summary>
public sealed record MbrPartitionEntry(byte Type, uint FirstLba, uint SectorCount, bool Active = false)
{
    public const int Size = 16;

    /// <summary>The value of the status byte that marks the active (bootable) partition.</summary>
    public const byte ActiveFlag = 0x80;

    public void WriteTo(Span<byte> destination)
    {
        var d = destination[..Size];
        d.Clear();
        d[FieldLocations.Status] = Active ? ActiveFlag : (byte)0;
        ChsAddress.FromLba(FirstLba).WriteTo(d[FieldLocations.FirstChs..]);
        d[FieldLocations.Type] = Type;
        ChsAddress.FromLba((long)FirstLba + SectorCount - 1).WriteTo(d[FieldLocations.LastChs..]);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.FirstLba..], FirstLba);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.SectorCount..], SectorCount);
    }

    /// <summary>Byte offsets of the entry's fields.</summary>
    public static class FieldLocations
    {
        public const int Status = 0;
        public const int FirstChs = 1;
        public const int Type = 4;
        public const int LastChs = 5;
        public const int FirstLba = 8;
        public const int SectorCount = 12;
    }
}
