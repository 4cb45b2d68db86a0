using Hyperbake.Imaging.SquashFs.Format;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// Builds a directory's listing: runs of entries behind headers. A new header starts when 256
/// entries are reached, when an inode sits in another inode-table block, when an inode number
/// is more than ±32767 from the header's base, and (as mksquashfs does) when the listing since
/// the last index point would pass 8 KiB. Each header started for that last reason becomes an
/// index entry of the directory inode, which the kernel uses to start lookups and readdir
/// seeks part way in.
/// </summary>
internal static class DirectoryListing
{
    public static (byte[] Bytes, List<(uint Offset, byte[] Name)> Index) Build(IReadOnlyList<PlannedChild> children)
    {
        var buffer = new MemoryStream();
        var index = new List<(uint, byte[])>();
        var headerPosition = -1L;
        uint headerCount = 0;
        uint headerBlock = 0;
        uint headerBase = 0;
        long indexPoint = 0;
        Span<byte> scratch = stackalloc byte[DirectoryEntry.NameOffset + DirectoryEntry.MaxNameLength];

        foreach (var child in children)
        {
            var inode = child.Inode;
            var block = (uint)(inode.Reference >> 16);
            var offset = (ushort)(inode.Reference & 0xFFFF);
            var delta = (long)inode.Number - headerBase;
            var entrySize = DirectoryEntry.SizeFor(child.Name.Length);
            var pastIndexPoint = headerPosition >= 0 && buffer.Length + entrySize - indexPoint > MetadataBlock.PayloadSize;
            if (headerPosition < 0 || headerCount == DirectoryHeader.MaxEntries || block != headerBlock || delta is < short.MinValue or > short.MaxValue || pastIndexPoint)
            {
                if (headerPosition >= 0)
                {
                    PatchCount(buffer, headerPosition, headerCount, headerBlock, headerBase);
                }

                if (pastIndexPoint)
                {
                    index.Add(((uint)buffer.Length, child.Name));
                    indexPoint = buffer.Length;
                }

                headerPosition = buffer.Length;
                headerCount = 0;
                headerBlock = block;
                headerBase = inode.Number;
                delta = 0;
                buffer.Write(new byte[DirectoryHeader.Size]);
            }

            var entry = new DirectoryEntry(offset, (short)delta, inode.BasicType, child.Name);
            entry.WriteTo(scratch);
            buffer.Write(scratch[..entry.Size]);
            headerCount++;
        }

        if (headerPosition >= 0)
        {
            PatchCount(buffer, headerPosition, headerCount, headerBlock, headerBase);
        }

        return (buffer.ToArray(), index);
    }

    private static void PatchCount(MemoryStream buffer, long position, uint count, uint block, uint inodeBase) =>
        new DirectoryHeader(count, block, inodeBase).WriteTo(buffer.GetBuffer().AsSpan((int)position, DirectoryHeader.Size));
}
