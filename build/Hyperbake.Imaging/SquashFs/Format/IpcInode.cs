using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The fifo or socket inode: basic (types 6/7) or extended with an xattr index (13/14).</summary>
internal readonly record struct IpcInode(InodeHeader Header, bool IsSocket, uint LinkCount, uint XattrIndex)
{
    public const int LinkCountOffset = InodeHeader.Size;
    public const int XattrIndexOffset = LinkCountOffset + 4;

    public bool IsExtended => XattrIndex != DataBlock.NoXattr;

    public int Size => IsExtended ? XattrIndexOffset + 4 : XattrIndexOffset;

    public void WriteTo(Span<byte> buffer)
    {
        var type = (IsSocket, IsExtended) switch
        {
            (false, false) => InodeType.Fifo,
            (true, false) => InodeType.Socket,
            (false, true) => InodeType.ExtendedFifo,
            (true, true) => InodeType.ExtendedSocket,
        };
        Header.WithType(type).WriteTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[LinkCountOffset..], LinkCount);
        if (IsExtended)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer[XattrIndexOffset..], XattrIndex);
        }
    }
}
