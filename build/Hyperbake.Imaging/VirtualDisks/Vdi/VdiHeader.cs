using System.Buffers.Binary;
using System.Text;
using Hyperbake.Imaging.Partitions.Gpt;

namespace Hyperbake.Imaging.VirtualDisks.Vdi;

/// <summary>The VDI pre-header and v1.1 header ("1plus"), little-endian, as VirtualBox and qemu read it.</summary>
public sealed record VdiHeader
{
    public const uint Signature = 0xBEDA107F;
    public const uint Version1_1 = 0x00010001;

    /// <summary>The header size qemu writes and VirtualBox accepts (the v1.1 fields up to the UUIDs).</summary>
    public const uint HeaderSize = 0x180;
    public const uint TypeDynamic = 1;
    public const int BlockSize = 1024 * 1024;
    public const int SectorSize = 512;
    public const string FileInfo = "<<< Oracle VM VirtualBox Disk Image >>>\n";

    public required long DiskSize { get; init; }

    public required uint BlockMapOffset { get; init; }

    public required uint DataOffset { get; init; }

    public required uint Blocks { get; init; }

    public required uint BlocksAllocated { get; init; }

    public required Guid ImageUuid { get; init; }

    public required Guid LastModifyUuid { get; init; }

    public void WriteTo(Span<byte> destination)
    {
        var d = destination[..512];
        d.Clear();
        Encoding.ASCII.GetBytes(FileInfo, d);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.Signature..], Signature);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.Version..], Version1_1);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.HeaderSize..], HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.ImageType..], TypeDynamic);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.BlockMapOffset..], BlockMapOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.DataOffset..], DataOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.SectorSize..], SectorSize);
        BinaryPrimitives.WriteInt64LittleEndian(d[FieldLocations.DiskSize..], DiskSize);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.BlockSize..], BlockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.BlocksInImage..], Blocks);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FieldLocations.BlocksAllocated..], BlocksAllocated);
        GuidEncoding.WriteMixedEndian(d[FieldLocations.ImageUuid..], ImageUuid);
        GuidEncoding.WriteMixedEndian(d[FieldLocations.LastModifyUuid..], LastModifyUuid);
    }

    /// <summary>Byte offsets from the start of the file.</summary>
    public static class FieldLocations
    {
        public const int FileInfo = 0x00;
        public const int Signature = 0x40;
        public const int Version = 0x44;
        public const int HeaderSize = 0x48;
        public const int ImageType = 0x4C;
        public const int ImageFlags = 0x50;
        public const int Description = 0x54;
        public const int BlockMapOffset = 0x154;
        public const int DataOffset = 0x158;
        public const int Cylinders = 0x15C;
        public const int Heads = 0x160;
        public const int Sectors = 0x164;
        public const int SectorSize = 0x168;
        public const int DiskSize = 0x170;
        public const int BlockSize = 0x178;
        public const int BlockExtra = 0x17C;
        public const int BlocksInImage = 0x180;
        public const int BlocksAllocated = 0x184;
        public const int ImageUuid = 0x188;
        public const int LastModifyUuid = 0x198;
        public const int LinkUuid = 0x1A8;
        public const int ParentUuid = 0x1B8;
    }
}
