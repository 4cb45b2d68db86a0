using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The block or character device inode: basic (types 4/5) or extended with an xattr index (11/12).</summary>
internal readonly record struct DeviceInode(InodeHeader Header, bool IsBlockDevice, uint LinkCount, uint Device, uint XattrIndex)
{
    public const int LinkCountOffset = InodeHeader.Size;
    public const int DeviceOffset = LinkCountOffset + 4;
    public const int XattrIndexOffset = DeviceOffset + 4;

    public bool IsExtended => XattrIndex != DataBlock.NoXattr;

    public int Size => IsExtended ? XattrIndexOffset + 4 : XattrIndexOffset;

    /// <summary>Linux's "new" dev_t encoding (new_encode_dev), which the kernel decodes.</summary>
    public static uint Encode(int major, int minor) =>
        (uint)((minor & 0xFF) | ((major & 0xFFF) << 8) | ((minor & ~0xFF) << 12));

    public void WriteTo(Span<byte> buffer)
    {
        var type = (IsBlockDevice, IsExtended) switch
        {
            (true, false) => InodeType.BlockDevice,
            (false, false) => InodeType.CharDevice,
            (true, true) => InodeType.ExtendedBlockDevice,
            (false, true) => InodeType.ExtendedCharDevice,
        };
        Header.WithType(type).WriteTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[LinkCountOffset..], LinkCount);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[DeviceOffset..], Device);
        if (IsExtended)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer[XattrIndexOffset..], XattrIndex);
        }
    }
}
