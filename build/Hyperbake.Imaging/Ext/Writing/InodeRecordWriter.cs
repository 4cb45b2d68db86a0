using Hyperbake.Imaging.Ext.Layout;
using Hyperbake.Imaging.Ext.OnDisk;

namespace Hyperbake.Imaging.Ext.Writing;

/// <summary>Fills an <see cref="InodeRecord"/> from what the layout and the data pass learned about an inode.</summary>
internal sealed class InodeRecordWriter(ExtLayout layout)
{
    private readonly InodeRecord _record = new();
    private readonly uint? _seed = layout.ChecksumSeed;
    private readonly int _sectorsPerBlock = layout.BlockSize / 512;

    public void Write(ExtInode inode, Span<byte> destination)
    {
        var sectors = (ulong)inode.BlocksUsed * (ulong)_sectorsPerBlock;
        if (!layout.Features.HugeFile && sectors > uint.MaxValue)
        {
            throw new InvalidOperationException($"'{inode.Path}' uses {sectors} sectors, more than {layout.Options.Revision} counts; use ext4.");
        }

        _record.Mode = (ushort)inode.Mode;
        _record.Uid = (uint)inode.Uid;
        _record.Gid = (uint)inode.Gid;
        _record.FileSize = (ulong)inode.Size;
        _record.Time = inode.Time;
        _record.LinksCount = (ushort)inode.Links;
        _record.Sectors = sectors;
        _record.Flags = inode.Flags;
        inode.Block.CopyTo(_record.Block, 0);
        _record.FileAcl = (ulong)inode.XattrBlock;
        _record.InlineXattrs = inode is { Xattrs: { } x, XattrsInInode: true } ? x.EncodeInInode() : null;
        _record.WriteTo(destination, inode.Number, _seed);
    }
}
