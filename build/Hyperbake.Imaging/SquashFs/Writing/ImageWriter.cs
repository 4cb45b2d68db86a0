using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Hyperbake.Imaging.SquashFs.Format;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.SquashFs.Writing;

/// <summary>
/// Writes one image: superblock placeholder, data and fragment blocks, then the inode and
/// directory tables, fragment, export (inode lookup), id and xattr tables in the order the
/// kernel checks them, the superblock, and zero padding to 4 KiB.
/// </summary>
internal sealed class ImageWriter(FileTree tree, SquashFsOptions options)
{
    public const int Padding = 4096;

    private readonly BlockCompressor _compressor = new(options.Compression, options.CompressionLevel);
    private byte[] _scratch = new byte[1024];
    private InodePlan _plan = null!;
    private DataLayout _data = null!;
    private MetadataWriter _inodes = null!;
    private MetadataWriter _directories = null!;

    public SquashFsBuildInfo Write(Stream output)
    {
        options.Validate();
        _plan = InodePlan.Create(tree);
        output.Position = 0;
        output.Write(new byte[SuperBlock.Size]);

        _data = new DataWriter(_plan, options, _compressor).Write(output);

        _inodes = new MetadataWriter(_compressor);
        _directories = new MetadataWriter(_compressor);
        WriteDirectory(_plan.Root);

        var inodeTableStart = output.Position;
        _inodes.Finish();
        _inodes.CopyTo(output);
        var directoryTableStart = output.Position;
        _directories.Finish();
        _directories.CopyTo(output);

        var fragmentEntries = new byte[_data.Fragments.Count * FragmentEntry.Size];
        for (var i = 0; i < _data.Fragments.Count; i++)
        {
            _data.Fragments[i].WriteTo(fragmentEntries.AsSpan(i * FragmentEntry.Size));
        }

        var (fragmentTableStart, _) = IndexedTable.Write(output, fragmentEntries, _compressor);

        var exportTableStart = -1L; // stored as all ones: no table
        if (options.Exportable)
        {
            var references = new byte[_plan.Inodes.Count * 8];
            for (var i = 0; i < _plan.Inodes.Count; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(references.AsSpan(i * 8), _plan.Inodes[i].Reference);
            }

            (exportTableStart, _) = IndexedTable.Write(output, references, _compressor);
        }

        var ids = new byte[_plan.Ids.Count * 4];
        for (var i = 0; i < _plan.Ids.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(ids.AsSpan(i * 4), _plan.Ids[i]);
        }

        var (idTableStart, _) = IndexedTable.Write(output, ids, _compressor);
        var xattrIdTableStart = _plan.XattrSets.Count > 0 ? WriteXattrTables(output) : -1L;

        var bytesUsed = output.Position;
        var padded = (bytesUsed + Padding - 1) / Padding * Padding;
        output.Write(new byte[padded - bytesUsed]);

        var superBlock = new SuperBlock
        {
            InodeCount = (uint)_plan.Inodes.Count,
            ModificationTime = (uint)options.SourceDateEpoch,
            BlockSize = (uint)options.BlockSize,
            FragmentEntryCount = (uint)_data.Fragments.Count,
            CompressionId = CompressionId.Gzip,
            Flags = Flags(),
            IdCount = (ushort)_plan.Ids.Count,
            RootInode = _plan.Root.Reference,
            BytesUsed = (ulong)bytesUsed,
            IdTableStart = (ulong)idTableStart,
            XattrIdTableStart = (ulong)xattrIdTableStart,
            InodeTableStart = (ulong)inodeTableStart,
            DirectoryTableStart = (ulong)directoryTableStart,
            FragmentTableStart = (ulong)fragmentTableStart,
            ExportTableStart = (ulong)exportTableStart,
        };
        var block = new byte[SuperBlock.Size];
        superBlock.WriteTo(block);
        output.Position = 0;
        output.Write(block);
        output.Position = padded;

        return new SquashFsBuildInfo(padded, bytesUsed, _plan.Inodes.Count, _data.Fragments.Count, _data.DuplicateFiles, _plan.Ids.Count, _plan.XattrSets.Count);
    }

    private SuperBlockFlags Flags()
    {
        var flags = SuperBlockFlags.None;
        if (options.Compression == SquashFsCompression.None)
        {
            flags |= SuperBlockFlags.UncompressedInodes | SuperBlockFlags.UncompressedData | SuperBlockFlags.UncompressedFragments
                | SuperBlockFlags.UncompressedXattrs | SuperBlockFlags.UncompressedIds;
        }

        if (!options.Fragments)
        {
            flags |= SuperBlockFlags.NoFragments;
        }
        else if (options.TailPacking)
        {
            flags |= SuperBlockFlags.AlwaysFragments;
        }

        if (options.DuplicateDetection)
        {
            flags |= SuperBlockFlags.Duplicates;
        }

        if (options.Exportable)
        {
            flags |= SuperBlockFlags.Exportable;
        }

        return flags;
    }

    /// <summary>Writes a directory's contents' inodes (subdirectories recursively), then its listing, then its own inode.</summary>
    private void WriteDirectory(PlannedInode directory)
    {
        foreach (var child in directory.Children!)
        {
            if (child.Inode.Node.IsDirectory)
            {
                WriteDirectory(child.Inode);
            }
            else if (!child.Inode.IsWritten)
            {
                WriteInode(child.Inode);
            }
        }

        var (listing, index) = DirectoryListing.Build(directory.Children);
        var startBlock = (uint)_directories.CurrentBlockStart;
        var startOffset = (ushort)_directories.CurrentOffset;
        var start = _directories.UncompressedLength;
        _directories.Write(listing);
        var indexes = index.Select(i => new DirectoryIndex(i.Offset, (uint)_directories.BlockStartOf(start + i.Offset), i.Name)).ToList();

        var header = Header(directory);
        var fileSize = (uint)listing.Length + 3; // the kernel counts "." and ".." as 3 bytes
        var parent = directory.Parent?.Number ?? (uint)_plan.Inodes.Count + 1;
        Begin(directory);
        if (indexes.Count > 0 || fileSize > ushort.MaxValue || directory.XattrIndex != DataBlock.NoXattr)
        {
            if (indexes.Count > ushort.MaxValue)
            {
                throw new FileTreeException($"Directory '{directory.Path}' is too large for squashfs ({indexes.Count} index entries; at most {ushort.MaxValue}).");
            }

            var size = ExtendedDirectoryInode.Size + indexes.Sum(i => i.Size);
            var span = Scratch(size);
            new ExtendedDirectoryInode(header, directory.LinkCount, fileSize, startBlock, parent, (ushort)indexes.Count, startOffset, directory.XattrIndex).WriteTo(span);
            var at = ExtendedDirectoryInode.Size;
            foreach (var entry in indexes)
            {
                entry.WriteTo(span[at..]);
                at += entry.Size;
            }

            _inodes.Write(span);
        }
        else
        {
            var span = Scratch(DirectoryInode.Size);
            new DirectoryInode(header, startBlock, directory.LinkCount, (ushort)fileSize, startOffset, parent).WriteTo(span);
            _inodes.Write(span);
        }
    }

    private void WriteInode(PlannedInode inode)
    {
        var node = inode.Node;
        var header = Header(inode);
        Begin(inode);
        switch (node.Kind)
        {
            case FileNodeKind.RegularFile:
                WriteFileInode(inode, header);
                break;
            case FileNodeKind.Symlink:
                {
                    var symlink = new SymlinkInode(header, inode.LinkCount, System.Text.Encoding.UTF8.GetBytes(node.SymlinkTarget!), inode.XattrIndex);
                    var span = Scratch(symlink.Size);
                    symlink.WriteTo(span);
                    _inodes.Write(span);
                    break;
                }

            case FileNodeKind.CharDevice or FileNodeKind.BlockDevice:
                {
                    var device = new DeviceInode(header, node.Kind == FileNodeKind.BlockDevice, inode.LinkCount, DeviceInode.Encode(node.DeviceMajor, node.DeviceMinor), inode.XattrIndex);
                    var span = Scratch(device.Size);
                    device.WriteTo(span);
                    _inodes.Write(span);
                    break;
                }

            case FileNodeKind.Fifo or FileNodeKind.Socket:
                {
                    var ipc = new IpcInode(header, node.Kind == FileNodeKind.Socket, inode.LinkCount, inode.XattrIndex);
                    var span = Scratch(ipc.Size);
                    ipc.WriteTo(span);
                    _inodes.Write(span);
                    break;
                }

            default:
                throw new InvalidOperationException($"Unexpected node kind {node.Kind} at '{inode.Path}'.");
        }
    }

    private void WriteFileInode(PlannedInode inode, InodeHeader header)
    {
        var length = inode.Node.Content?.Length ?? 0;
        var stored = inode.FileOrdinal >= 0 ? _data.Files[inode.FileOrdinal]! : new StoredFile { BlocksStart = 0 };
        var blocks = CollectionsMarshal.AsSpan(_data.BlockSizes).Slice(stored.FirstBlock, stored.BlockCount);
        var extended = length > uint.MaxValue || stored.BlocksStart > uint.MaxValue || inode.LinkCount > 1
            || inode.XattrIndex != DataBlock.NoXattr || stored.SparseBytes > 0;
        var fixedSize = extended ? ExtendedFileInode.Size : FileInode.Size;
        var span = Scratch(fixedSize + (blocks.Length * 4));
        if (extended)
        {
            new ExtendedFileInode(header, (ulong)stored.BlocksStart, (ulong)length, (ulong)stored.SparseBytes, inode.LinkCount, stored.FragmentIndex, stored.FragmentOffset, inode.XattrIndex).WriteTo(span);
        }
        else
        {
            new FileInode(header, (uint)stored.BlocksStart, stored.FragmentIndex, stored.FragmentOffset, (uint)length).WriteTo(span);
        }

        for (var i = 0; i < blocks.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[(fixedSize + (i * 4))..], blocks[i]);
        }

        _inodes.Write(span);
    }

    private void Begin(PlannedInode inode)
    {
        inode.Reference = _inodes.NextReference;
        inode.IsWritten = true;
    }

    /// <summary>The mode field holds the permission bits only: the type is the inode's (the kernel rejects type bits here).</summary>
    private static InodeHeader Header(PlannedInode inode) =>
        new(inode.BasicType, (ushort)(inode.Node.Mode & 0xFFF), inode.UidIndex, inode.GidIndex, (uint)inode.Node.ModificationTime, inode.Number);

    private Span<byte> Scratch(int size)
    {
        if (_scratch.Length < size)
        {
            _scratch = new byte[Math.Max(size, _scratch.Length * 2)];
        }

        return _scratch.AsSpan(0, size);
    }

    /// <summary>Key/value pairs, then the id table's blocks, then its header and index: the last thing in the image.</summary>
    private long WriteXattrTables(Stream output)
    {
        var pairs = new MetadataWriter(_compressor);
        var ids = new byte[_plan.XattrSets.Count * XattrId.EntrySize];
        for (var i = 0; i < _plan.XattrSets.Count; i++)
        {
            var reference = pairs.NextReference;
            uint listSize = 0;
            foreach (var entry in _plan.XattrSets[i])
            {
                var span = Scratch(entry.Size);
                entry.WriteTo(span);
                pairs.Write(span);
                listSize += (uint)(PrefixLength(entry.Prefix) + entry.Name.Length + 1 + entry.Value.Length);
            }

            new XattrId(reference, (uint)_plan.XattrSets[i].Length, listSize).WriteTo(ids.AsSpan(i * XattrId.EntrySize));
        }

        var pairsStart = output.Position;
        pairs.Finish();
        pairs.CopyTo(output);
        var (_, idBlocks) = IndexedTable.Write(output, ids, _compressor, writeIndex: false);
        var headerStart = output.Position;
        var header = new byte[XattrIdTableHeader.Size];
        new XattrIdTableHeader((ulong)pairsStart, (uint)_plan.XattrSets.Count).WriteTo(header);
        output.Write(header);
        IndexedTable.WriteIndex(output, idBlocks);
        return headerStart;
    }

    private static int PrefixLength(XattrPrefix prefix) => prefix switch
    {
        XattrPrefix.User => "user.".Length,
        XattrPrefix.Trusted => "trusted.".Length,
        _ => "security.".Length,
    };
}
