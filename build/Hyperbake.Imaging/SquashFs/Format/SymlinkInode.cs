using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The symlink inode: basic (type 3), or extended (type 10) when an xattr index follows the target.</summary>
internal readonly record struct SymlinkInode(InodeHeader Header, uint LinkCount, byte[] Target, uint XattrIndex)
{
    public const int LinkCountOffset = InodeHeader.Size;
    public const int TargetSizeOffset = LinkCountOffset + 4;
    public const int TargetOffset = TargetSizeOffset + 4;

    public bool IsExtended => XattrIndex != DataBlock.NoXattr;

    public int Size => TargetOffset + Target.Length + (IsExtended ? 4 : 0);

    public void WriteTo(Span<byte> buffer)
    {
        Header.WithType(IsExtended ? InodeType.ExtendedSymlink : InodeType.Symlink).WriteTo(buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[LinkCountOffset..], LinkCount);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[TargetSizeOffset..], (uint)Target.Length);
        Target.CopyTo(buffer[TargetOffset..]);
        if (IsExtended)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer[(TargetOffset + Target.Length)..], XattrIndex);
        }
    }
}
