using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hyperbake.Imaging.Ext.OnDisk;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Ext.Layout;

/// <summary>
/// Turns a file tree and options into an <see cref="ExtLayout"/>: numbers the inodes, plans every
/// directory, sizes the image (given, or content plus extra space), then places group metadata,
/// the journal and the layout-time blocks. Nothing is read from file contents here.
/// </summary>
internal static class ExtLayoutPlanner
{
    public const uint RootInode = 2;
    public const uint JournalInode = 8;
    public const uint LostAndFoundInode = 11;
    public const uint FirstInode = 11;
    private const string LostAndFound = "lost+found";
    private const int MaxLinks = 65000;
    private const int Ext3MaxLinks = 32000;

    public static ExtLayout Plan(FileTree tree, ExtFileSystemOptions options)
    {
        Validate(options);
        var features = ExtFeatures.For(options.Revision, options.SixtyFourBit);
        var bs = options.BlockSize;
        using var treeDigest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var inodes = CollectInodes(tree, options, features, treeDigest);
        var seedText = options.Seed ?? $"{options.Revision}|{options.Label}|{options.SourceDateEpoch}|{Convert.ToHexString(treeDigest.GetHashAndReset())}";
        var uuid = options.Uuid?.ToByteArray(bigEndian: true) ?? DeriveId("uuid", seedText);
        var hashSeed = options.HashSeed?.ToByteArray(bigEndian: true) ?? DeriveId("hash-seed", seedText);
        var seedWords = new uint[4];
        for (var i = 0; i < 4; i++)
        {
            seedWords[i] = BinaryPrimitives.ReadUInt32LittleEndian(hashSeed.AsSpan(i * 4));
        }

        // Size everything that does not depend on where it lands.
        long layoutBlocks = 0, dataBlocks = 0;
        foreach (var inode in inodes)
        {
            if (inode is null)
            {
                continue;
            }

            PlanXattrs(inode, bs);
            if (inode is { Xattrs: not null, XattrsInInode: false })
            {
                layoutBlocks++;
            }

            switch (inode.Kind)
            {
                case FileNodeKind.Directory:
                    inode.Directory = DirectoryLayout.Create(
                        inode.Number, inode.ParentNumber, inode.Entries!, bs, features.MetadataCsum, features.DirIndex,
                        options.DirectoryHash, seedWords, inode.Number == LostAndFoundInode ? Math.Max(1, 16384 / bs) : 1, inode.Path);
                    inode.Entries = null;
                    inode.Size = (long)inode.Directory.BlockCount * bs;
                    layoutBlocks += inode.Directory.BlockCount + MapBound(inode.Directory.BlockCount, bs, features);
                    if (inode.Directory.Indexed)
                    {
                        inode.Flags |= InodeRecord.FlagIndex;
                    }

                    break;
                case FileNodeKind.Symlink:
                    PlanSymlink(inode, bs, ref layoutBlocks);
                    break;
                case FileNodeKind.RegularFile:
                    var blocks = (inode.Size + bs - 1) / bs;
                    dataBlocks += blocks + MapBound(blocks, bs, features);
                    break;
                case FileNodeKind.CharDevice or FileNodeKind.BlockDevice:
                    InodeRecord.EncodeDevice(inode.Block, inode.Node!.DeviceMajor, inode.Node.DeviceMinor);
                    break;
            }

            var mapsBlocks = inode.Kind is FileNodeKind.Directory or FileNodeKind.RegularFile
                || (inode.Kind == FileNodeKind.Symlink && inode.Size >= InodeRecord.BlockArraySize);
            if (features.Extents && mapsBlocks)
            {
                inode.Flags |= InodeRecord.FlagExtents;
            }
        }

        var neededInodes = inodes.Count - 1;
        var geometry = options.Size is { } size
            ? FixedGeometry(size, options, features, neededInodes)
            : AutoGeometry(options, features, neededInodes, layoutBlocks + dataBlocks);
        var imageSize = options.Size ?? geometry.BlocksCount * bs;

        var allocator = new BlockAllocator(geometry.FirstDataBlock, geometry.BlocksCount);
        var (blockBitmaps, inodeBitmaps, inodeTables) = PlaceGroupMetadata(geometry, features, allocator);

        ExtInode? journal = null;
        if (features.HasJournal)
        {
            var journalBlocks = DefaultJournalBlocks(geometry.BlocksCount);
            if (journalBlocks == 0)
            {
                throw new InvalidOperationException(
                    $"An {options.Revision} image needs at least 2048 blocks for its journal, but {imageSize} bytes is only {geometry.BlocksCount}; raise Size or use ext2.");
            }

            journal = new ExtInode
            {
                Number = JournalInode,
                Kind = FileNodeKind.RegularFile,
                Path = "<journal>",
                Mode = 0x8180,
                Time = options.SourceDateEpoch,
                Links = 1,
                Size = journalBlocks * bs,
                Flags = features.Extents ? InodeRecord.FlagExtents : 0,
            };
            inodes[(int)JournalInode] = journal;
            PlaceBlocks(journal, journalBlocks, allocator, features, bs);
        }

        foreach (var inode in inodes)
        {
            if (inode?.Directory is { } dir)
            {
                PlaceBlocks(inode, dir.BlockCount, allocator, features, bs);
            }
            else if (inode is { Kind: FileNodeKind.Symlink } && inode.Size >= InodeRecord.BlockArraySize)
            {
                PlaceBlocks(inode, 1, allocator, features, bs);
            }
        }

        foreach (var inode in inodes)
        {
            if (inode is { Xattrs: not null, XattrsInInode: false })
            {
                inode.XattrBlock = allocator.AllocateNext(1).Start;
                inode.BlocksUsed++;
            }
        }

        if (allocator.FreeBlocks < dataBlocks)
        {
            var shortfall = (dataBlocks - allocator.FreeBlocks) * bs;
            throw new InvalidOperationException(
                $"The tree needs up to {dataBlocks * bs} bytes of file data but an image of {imageSize} bytes has {allocator.FreeBlocks * bs} free; raise Size by at least {shortfall} bytes or leave it unset.");
        }

        return new ExtLayout
        {
            Options = options,
            Features = features,
            Geometry = geometry,
            Allocator = allocator,
            Uuid = uuid,
            HashSeed = hashSeed,
            Label = Encoding.UTF8.GetBytes(options.Label),
            Inodes = inodes,
            BlockBitmaps = blockBitmaps,
            InodeBitmaps = inodeBitmaps,
            InodeTables = inodeTables,
            ImageSize = imageSize,
            Journal = journal,
        };
    }

    /// <summary>mke2fs's default journal size in blocks for a filesystem of this many blocks (0: too small for one).</summary>
    public static long DefaultJournalBlocks(long blocks) => blocks switch
    {
        < 2048 => 0,
        < 32768 => 1024,
        < 256 * 1024 => 4096,
        < 512 * 1024 => 8192,
        < 4096 * 1024 => 16384,
        < 8192 * 1024 => 32768,
        < 16384 * 1024 => 65536,
        < 32768 * 1024 => 131072,
        _ => 262144,
    };

    /// <summary>The most mapping blocks a file of <paramref name="blocks"/> blocks can need (each extent at least one block).</summary>
    public static long MapBound(long blocks, int blockSize, ExtFeatures features) =>
        features.Extents ? ExtentTree.CountTreeBlocks(blocks, blockSize) : IndirectBlockMap.CountDense(blocks, blockSize);

    private static void Validate(ExtFileSystemOptions o)
    {
        if (o.BlockSize is not (1024 or 2048 or 4096))
        {
            throw new ArgumentException($"Ext block size {o.BlockSize} is not supported; use 1024, 2048 or 4096.", nameof(o));
        }

        if (Encoding.UTF8.GetByteCount(o.Label) > 16)
        {
            throw new ArgumentException($"Ext label '{o.Label}' is {Encoding.UTF8.GetByteCount(o.Label)} bytes of UTF-8; labels hold at most 16.", nameof(o));
        }

        if (o.Size is <= 0)
        {
            throw new ArgumentException($"Ext image size {o.Size} must be positive (or unset to compute it).", nameof(o));
        }

        if (o.ExtraSpacePercent < 0 || o.ExtraSpaceBytes < 0)
        {
            throw new ArgumentException($"Ext extra space ({o.ExtraSpacePercent}%, {o.ExtraSpaceBytes} bytes) cannot be negative.", nameof(o));
        }

        if (o.ReservedBlocksPercent is < 0 or > 50)
        {
            throw new ArgumentException($"Ext reserved blocks {o.ReservedBlocksPercent}% must be between 0 and 50.", nameof(o));
        }

        if (o.SourceDateEpoch < 0 || o.SourceDateEpoch > uint.MaxValue + (255L << 32))
        {
            throw new ArgumentException($"SOURCE_DATE_EPOCH {o.SourceDateEpoch} is outside what an ext superblock holds (0 to 2^40).", nameof(o));
        }

        if (o.InodeCount is <= 0)
        {
            throw new ArgumentException($"Ext inode count {o.InodeCount} must be positive (or unset to pick one).", nameof(o));
        }
    }

    /// <summary>16 bytes from SHA-256 of the purpose and seed text, shaped as a name-based UUID.</summary>
    private static byte[] DeriveId(string purpose, string seed)
    {
        var id = SHA256.HashData(Encoding.UTF8.GetBytes($"hyperbake-ext/{purpose}\n{seed}"))[..16];
        id[6] = (byte)((id[6] & 0x0F) | 0x50);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return id;
    }

    /// <summary>Numbers every inode (root 2, lost+found 11, the rest from 12 in walk order) and feeds each entry's metadata to <paramref name="digest"/>.</summary>
    private static List<ExtInode?> CollectInodes(FileTree tree, ExtFileSystemOptions options, ExtFeatures features, IncrementalHash digest)
    {
        var inodes = new List<ExtInode?>();
        for (var i = 0; i <= FirstInode; i++)
        {
            inodes.Add(null);
        }

        var byNode = new Dictionary<FileNode, ExtInode>(ReferenceEqualityComparer.Instance);
        var root = NewInode(RootInode, tree.Root, "/");
        root.ParentNumber = RootInode;
        inodes[(int)RootInode] = root;
        byNode[tree.Root] = root;
        var next = FirstInode + 1;
        foreach (var entry in tree.Walk())
        {
            if (entry.Parent is null)
            {
                continue;
            }

            var parent = byNode[entry.Parent];
            var name = Encoding.UTF8.GetBytes(entry.Name);

            // Without a seed, the UUID comes from the tree's shape, so images of different trees differ.
            var n = entry.Node;
            digest.AppendData(Encoding.UTF8.GetBytes($"{entry.Path}\0{n.Kind}\0{n.Mode}\0{n.Uid}\0{n.Gid}\0{n.Size}\0{n.ModificationTime}\0{n.SymlinkTarget}\n"));
            if (name.Length > DirectoryEntry.MaxNameLength)
            {
                throw new InvalidOperationException($"The name of '{entry.Path}' is {name.Length} bytes of UTF-8; ext names hold at most 255.");
            }

            if (byNode.TryGetValue(entry.Node, out var inode))
            {
                if (inode.Kind == FileNodeKind.Directory)
                {
                    throw new InvalidOperationException($"Directory '{inode.Path}' is also reached as '{entry.Path}'; directories cannot be hard linked.");
                }

                inode.Links++;
            }
            else
            {
                var isLostAndFound = entry.Depth == 1 && entry.Name == LostAndFound;
                if (isLostAndFound && !entry.Node.IsDirectory)
                {
                    throw new InvalidOperationException($"'/{LostAndFound}' is a {entry.Node.Kind}; ext needs it to be a directory (remove it or make it one).");
                }

                inode = NewInode(isLostAndFound ? LostAndFoundInode : next++, entry.Node, entry.Path);
                inode.ParentNumber = parent.Number;
                byNode[entry.Node] = inode;
                while (inodes.Count <= inode.Number)
                {
                    inodes.Add(null);
                }

                inodes[(int)inode.Number] = inode;
            }

            parent.Entries!.Add(new DirectoryEntry(name, inode.Number, DirectoryEntry.FileTypeOf(inode.Kind)));
            if (inode.Kind == FileNodeKind.Directory)
            {
                parent.Links++;
            }
        }

        if (inodes[(int)LostAndFoundInode] is null)
        {
            inodes[(int)LostAndFoundInode] = new ExtInode
            {
                Number = LostAndFoundInode,
                Kind = FileNodeKind.Directory,
                Path = "/" + LostAndFound,
                Mode = 0x41C0,
                Time = options.SourceDateEpoch,
                Links = 2,
                Entries = [],
                ParentNumber = RootInode,
            };
            root.Entries!.Insert(0, new DirectoryEntry(Encoding.UTF8.GetBytes(LostAndFound), LostAndFoundInode, DirectoryEntry.FileTypeOf(FileNodeKind.Directory)));
            root.Links++;
        }

        foreach (var inode in inodes)
        {
            if (inode is null)
            {
                continue;
            }

            if (inode.Kind == FileNodeKind.Directory && inode.Links > (features.DirNlink ? MaxLinks : Ext3MaxLinks))
            {
                // dir_nlink: a directory with too many subdirectories counts 1, meaning "not counted".
                inode.Links = features.DirNlink ? 1 : throw new InvalidOperationException(
                    $"Directory '{inode.Path}' has {inode.Links - 2} subdirectories; {options.Revision} allows {Ext3MaxLinks - 2} (ext4 lifts the limit).");
            }
            else if (inode.Links > MaxLinks)
            {
                throw new InvalidOperationException($"'{inode.Path}' has {inode.Links} hard links; ext allows {MaxLinks}.");
            }
        }

        return inodes;
    }

    private static ExtInode NewInode(uint number, FileNode node, string path)
    {
        if (node.ModificationTime is < InodeRecord.MinTime or > InodeRecord.MaxTime)
        {
            throw new InvalidOperationException($"'{path}' has modification time {node.ModificationTime}, outside what ext4 inodes hold ({InodeRecord.MinTime} to {InodeRecord.MaxTime}).");
        }

        var inode = new ExtInode
        {
            Number = number,
            Kind = node.Kind,
            Node = node,
            Path = path.Length == 0 || path[0] != '/' ? "/" + path : path,
            Mode = node.PosixMode,
            Uid = node.Uid,
            Gid = node.Gid,
            Time = node.ModificationTime,
            Links = node.IsDirectory ? 2 : 1,
            Size = node.Size,
            Entries = node.IsDirectory ? [] : null,
        };
        return inode;
    }

    private static void PlanXattrs(ExtInode inode, int blockSize)
    {
        if (inode.Node is null || ExtendedAttributes.From(inode.Node.Xattrs, inode.Path) is not { } xattrs)
        {
            return;
        }

        inode.Xattrs = xattrs;
        if (xattrs.InodeSpaceNeeded <= InodeRecord.InlineXattrSpace)
        {
            inode.XattrsInInode = true;
        }
        else if (xattrs.BlockSpaceNeeded > blockSize)
        {
            throw new InvalidOperationException(
                $"The extended attributes of '{inode.Path}' need {xattrs.BlockSpaceNeeded} bytes; one {blockSize}-byte xattr block holds less. Drop some or use a larger block size.");
        }
    }

    private static void PlanSymlink(ExtInode inode, int blockSize, ref long layoutBlocks)
    {
        var target = Encoding.UTF8.GetBytes(inode.Node!.SymlinkTarget ?? "");
        if (target.Length == 0 || target.Contains((byte)0))
        {
            throw new InvalidOperationException($"Symlink '{inode.Path}' has an empty target or one with a NUL byte; give it a real target.");
        }

        if (target.Length >= blockSize)
        {
            throw new InvalidOperationException($"Symlink '{inode.Path}' has a {target.Length}-byte target; with {blockSize}-byte blocks it must be shorter than {blockSize}.");
        }

        if (target.Length < InodeRecord.BlockArraySize)
        {
            // A fast symlink: the target lives in i_block itself.
            target.CopyTo(inode.Block, 0);
        }
        else
        {
            layoutBlocks++;
        }
    }

    private static ExtGeometry FixedGeometry(long size, ExtFileSystemOptions o, ExtFeatures features, long neededInodes)
    {
        var blocks = size / o.BlockSize;
        var inodes = o.InodeCount ?? Math.Max(blocks * o.BlockSize / ExtGeometry.DefaultInodeRatio(size), Headroom(neededInodes));
        if (inodes < neededInodes)
        {
            throw new InvalidOperationException($"The tree needs {neededInodes} inodes but InodeCount is {inodes}; raise it or leave it unset.");
        }

        return ExtGeometry.Create(blocks, o.BlockSize, features, inodes);
    }

    /// <summary>Grows the block count until metadata, journal, content and the asked-for free space fit.</summary>
    private static ExtGeometry AutoGeometry(ExtFileSystemOptions o, ExtFeatures features, long neededInodes, long contentBlocks)
    {
        var bs = o.BlockSize;
        var extra = (long)Math.Ceiling(contentBlocks * o.ExtraSpacePercent / 100) + ((o.ExtraSpaceBytes + bs - 1) / bs);
        var perGroup = bs * 8L;
        var align = (1 << 20) / bs;
        var minGroups = (neededInodes + perGroup - 1) / perGroup;
        var blocks = Math.Max(contentBlocks + extra + 64, (minGroups - 1) * perGroup + 1024);
        if (features.HasJournal)
        {
            blocks = Math.Max(blocks, 2048);
        }

        for (var attempt = 0; attempt < 64; attempt++)
        {
            blocks = (blocks + align - 1) / align * align;
            var inodes = o.InodeCount ?? Math.Max(blocks * bs / ExtGeometry.DefaultInodeRatio(blocks * bs), Headroom(neededInodes));
            if (inodes < neededInodes)
            {
                throw new InvalidOperationException($"The tree needs {neededInodes} inodes but InodeCount is {inodes}; raise it or leave it unset.");
            }

            ExtGeometry geometry;
            try
            {
                geometry = ExtGeometry.Create(blocks, bs, features, inodes);
            }
            catch (InvalidOperationException) when (attempt < 63)
            {
                blocks += perGroup;
                continue;
            }

            var journal = features.HasJournal ? DefaultJournalBlocks(geometry.BlocksCount) : 0;
            var groupsSlack = geometry.GroupCount * 2L; // extents split where metadata interrupts a run
            var required = geometry.MetadataBlocks + journal + contentBlocks + extra + groupsSlack;
            if (geometry.BlocksCount >= required && geometry.BlocksCount == blocks)
            {
                return geometry;
            }

            blocks = Math.Max(required, blocks + (geometry.BlocksCount < blocks ? perGroup / 2 : 0));
        }

        throw new InvalidOperationException("Could not size the ext image (layout bug).");
    }

    private static long Headroom(long neededInodes) => neededInodes + (neededInodes / 10) + 16;

    /// <summary>Bitmaps and inode tables: packed per flex group at its start (ext4), or inside each group (ext2/3).</summary>
    private static (long[] BlockBitmaps, long[] InodeBitmaps, long[] InodeTables) PlaceGroupMetadata(ExtGeometry g, ExtFeatures features, BlockAllocator allocator)
    {
        for (var group = 0; group < g.GroupCount; group++)
        {
            if (g.HasSuperblock(group))
            {
                allocator.MarkUsed(g.GroupFirstBlock(group), 1 + g.GdtBlocks);
            }
        }

        var bb = new long[g.GroupCount];
        var ib = new long[g.GroupCount];
        var it = new long[g.GroupCount];
        for (var first = 0; first < g.GroupCount; first += g.GroupsPerFlex)
        {
            var count = Math.Min(g.GroupsPerFlex, g.GroupCount - first);
            var hint = g.GroupFirstBlock(first);
            var limit = features.FlexBg ? long.MaxValue : hint + g.GroupBlockCount(first);
            var start = allocator.AllocateContiguous(hint, count, limit);
            for (var i = 0; i < count; i++)
            {
                bb[first + i] = start + i;
            }

            start = allocator.AllocateContiguous(hint, count, limit);
            for (var i = 0; i < count; i++)
            {
                ib[first + i] = start + i;
            }

            for (var i = 0; i < count; i++)
            {
                it[first + i] = allocator.AllocateContiguous(hint, g.InodeTableBlocks, limit);
            }
        }

        return (bb, ib, it);
    }

    /// <summary>Gives an inode <paramref name="blocks"/> data blocks from the cursor, then its mapping blocks.</summary>
    private static void PlaceBlocks(ExtInode inode, long blocks, BlockAllocator allocator, ExtFeatures features, int bs)
    {
        inode.Runs = allocator.AllocateRuns(0, blocks);
        var mapCount = features.Extents
            ? ExtentTree.CountTreeBlocks(ExtentTree.CountExtents(inode.Runs), bs)
            : new IndirectBlockMap(inode.Runs, bs, inode.Path).MapBlockCount;
        inode.MapBlocks = AllocateSingles(allocator, mapCount);
        inode.BlocksUsed += blocks + mapCount;
    }

    public static long[] AllocateSingles(BlockAllocator allocator, long count)
    {
        var result = new long[count];
        var i = 0;
        foreach (var run in allocator.AllocateRuns(0, count))
        {
            for (long k = 0; k < run.Count; k++)
            {
                result[i++] = run.Physical + k;
            }
        }

        return result;
    }
}
