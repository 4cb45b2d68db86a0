using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Hyperbake.Imaging.FileSystems;
using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Fat;

/// <summary>
/// Builds a FAT12/16/32 volume from a <see cref="FileTree"/> (directories and regular files).
/// The layout is computed first: names (long names, unique 8.3 names), geometry (like
/// mkfs.vfat), and one contiguous cluster run per directory and file in walk order. Then the
/// bytes are streamed once: boot sector (plus FSInfo and backup on FAT32), both FATs, the root
/// directory, and the data clusters; regions left zero are skipped.
/// </summary>
public sealed class FatFileSystemBuilder : IFileSystemBuilder
{
    private const long SizeRounding = 1 << 20;
    private const int MaxDirectoryEntries = 65536;
    private const int SmallFileLimit = 1 << 20;
    private const long BatchLimit = 16 << 20;

    private readonly FileTree _tree;
    private readonly FatFileSystemOptions _options;
    private Plan? _plan;

    public FatFileSystemBuilder(FileTree tree, FatFileSystemOptions? options = null)
    {
        _tree = tree;
        _options = options ?? new FatFileSystemOptions();
    }

    /// <summary>The computed geometry (after <see cref="ComputeSize"/>).</summary>
    public FatLayout Layout => (_plan ??= MakePlan()).Layout;

    /// <summary>The volume serial written to the boot sector.</summary>
    public uint VolumeId => (_plan ??= MakePlan()).VolumeId;

    public long ComputeSize() => Layout.SizeBytes;

    /// <summary>Builds the volume into a new file at <paramref name="path"/> (sparse where zero).</summary>
    public void WriteFile(string path)
    {
        // Unbuffered: the writer hands over large blocks itself.
        OutputFile.Write(path, 0, WriteTo);
    }

    public void WriteTo(Stream output)
    {
        var plan = _plan ??= MakePlan();
        var layout = plan.Layout;
        var sector = new byte[FatLayout.SectorSize];

        FatBootSector.Write(sector, layout, _options.OemName, plan.VolumeId, plan.Label, _options.HiddenSectors);
        WriteAt(output, 0, sector);
        if (layout.Type == FatType.Fat32)
        {
            WriteAt(output, (long)FatBootSector.BackupBootSectorNumber * FatLayout.SectorSize, sector);
            var last = plan.Runs[^1].LastCluster;
            FatFsInfo.Write(sector, layout.ClusterCount - plan.UsedClusters, last);
            WriteAt(output, (long)FatBootSector.FsInfoSectorNumber * FatLayout.SectorSize, sector);
            WriteAt(output, (long)(FatBootSector.BackupBootSectorNumber + 1) * FatLayout.SectorSize, sector);
        }

        var table = new FatAllocationTable(layout, plan.Runs);
        for (var copy = 0; copy < FatLayout.FatCount; copy++)
        {
            output.Position = ((long)layout.ReservedSectors + ((long)copy * layout.FatLength)) * FatLayout.SectorSize;
            table.WriteTo(output);
        }

        if (layout.Type != FatType.Fat32)
        {
            WriteAt(output, layout.RootDirectorySector * FatLayout.SectorSize, SerializeDirectory(plan.Root, layout.RootEntries * FatDirectoryEntry.Length));
        }

        using var background = output is FileStream ? new BackgroundFileWriter(output) : null;
        var data = new FatDataWriter(output, background);
        var batch = new List<ItemPlan>();
        long batchBytes = 0;
        foreach (var item in plan.DataOrder)
        {
            if (item.Directory is null && item.Node.Size > SmallFileLimit)
            {
                WriteBatch(data, layout, batch);
                batchBytes = 0;
                data.Copy(layout.ClusterOffset(item.FirstCluster), item.Node.Content!, item.Path);
                continue;
            }

            // Directories and small files are gathered, the files read several at a time (opening
            // files costs latency, not bandwidth), then everything is written in cluster order.
            batch.Add(item);
            batchBytes += item.Directory is null ? item.Node.Size : (long)item.Clusters * layout.ClusterBytes;
            if (batchBytes >= BatchLimit)
            {
                WriteBatch(data, layout, batch);
                batchBytes = 0;
            }
        }

        WriteBatch(data, layout, batch);
        data.Flush();
        background?.Drain();

        if (output.Length < layout.SizeBytes)
        {
            output.SetLength(layout.SizeBytes);
        }

        output.Flush();
    }

    private void WriteBatch(FatDataWriter data, FatLayout layout, List<ItemPlan> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // Pooled buffers: a batch of small files costs no garbage (a file's bytes are copied once more into the write buffer).
        var contents = new byte[batch.Count][];
        try
        {
            Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => contents[i] = batch[i].Directory is null ? ReadSmall(batch[i]) : []);
            for (var i = 0; i < batch.Count; i++)
            {
                var offset = layout.ClusterOffset(batch[i].FirstCluster);
                data.Write(offset, batch[i].Directory is { } directory
                    ? SerializeDirectory(directory, (int)(batch[i].Clusters * layout.ClusterBytes))
                    : contents[i].AsSpan(0, (int)batch[i].Node.Size));
            }
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault() is FileTreeException inner)
        {
            throw inner;
        }
        finally
        {
            foreach (var buffer in contents.Where(c => c is { Length: > 0 }))
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        batch.Clear();
    }

    private static byte[] ReadSmall(ItemPlan item)
    {
        var content = item.Node.Content!;
        var bytes = content.Length == 0 ? [] : ArrayPool<byte>.Shared.Rent((int)content.Length);
        if (content is HostFileContent host)
        {
            // Positional reads on a bare handle: no stream object, no buffer, per small file.
            using var handle = File.OpenHandle(host.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var read = 0;
            while (read < content.Length)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(read, (int)content.Length - read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read < content.Length || RandomAccess.GetLength(handle) != content.Length)
            {
                throw new FileTreeException($"File '{item.Path}' ({host.Path}) is no longer {content.Length} bytes long (it changed after the tree was built).");
            }

            return bytes;
        }

        using var input = content.OpenRead();
        var got = input.ReadAtLeast(bytes.AsSpan(0, (int)content.Length), (int)content.Length, throwOnEndOfStream: false);
        if (got < content.Length)
        {
            throw new FileTreeException($"File '{item.Path}' is shorter than its declared {content.Length} bytes (its source changed after the tree was built).");
        }

        Span<byte> probe = stackalloc byte[1];
        if (input.Read(probe) != 0)
        {
            throw new FileTreeException($"File '{item.Path}' is longer than its declared {content.Length} bytes (its source changed after the tree was built).");
        }

        return bytes;
    }

    private static void WriteAt(Stream output, long offset, ReadOnlySpan<byte> bytes)
    {
        output.Position = offset;
        output.Write(bytes);
    }

    private byte[] SerializeDirectory(DirectoryPlan directory, int length)
    {
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        var pos = 0;
        if (directory.Parent is null)
        {
            if (_plan!.HasLabel)
            {
                FatDirectoryEntry.Write(span[pos..], _plan.Label, FatDirectoryEntry.AttributeVolumeLabel, 0, FatTimestamp.FromUnixSeconds(_options.Timestamp), 0, 0);
                pos += FatDirectoryEntry.Length;
            }
        }
        else
        {
            var time = FatTimestamp.FromUnixSeconds(directory.Node.ModificationTime);
            FatDirectoryEntry.Write(span[pos..], Encoding.ASCII.GetBytes(".          "), FatDirectoryEntry.AttributeDirectory, 0, time, directory.Item!.FirstCluster, 0);
            pos += FatDirectoryEntry.Length;

            // ".." of a first-level directory points at the root as cluster 0, on FAT32 too.
            var parentCluster = directory.Parent.Parent is null ? 0 : directory.Parent.Item!.FirstCluster;
            FatDirectoryEntry.Write(span[pos..], Encoding.ASCII.GetBytes("..         "), FatDirectoryEntry.AttributeDirectory, 0, time, parentCluster, 0);
            pos += FatDirectoryEntry.Length;
        }

        foreach (var item in directory.Items)
        {
            var name = item.Name;
            if (name.HasLongName)
            {
                pos += FatLongNameEntry.Write(span[pos..], name.Name, FatLongNameEntry.Checksum(name.ShortName));
            }

            var isDirectory = item.Directory is not null;
            var attributes = isDirectory ? FatDirectoryEntry.AttributeDirectory : FatDirectoryEntry.AttributeArchive;
            if ((item.Node.Mode & 0x92) == 0)
            {
                attributes |= FatDirectoryEntry.AttributeReadOnly; // no write bit for anyone
            }

            FatDirectoryEntry.Write(span[pos..], name.ShortName, attributes, name.CaseFlags, FatTimestamp.FromUnixSeconds(item.Node.ModificationTime),
                item.Clusters == 0 ? 0 : item.FirstCluster, isDirectory ? 0 : (uint)item.Node.Size);
            pos += FatDirectoryEntry.Length;
        }

        return bytes;
    }

    private Plan MakePlan()
    {
        var label = LabelBytes(_options.VolumeLabel);
        var root = PlanDirectory(_tree.Root, "", null, null);
        var volumeId = _options.VolumeId ?? HashVolumeId(root, label);
        var layout = ChooseLayout(root);
        var plan = new Plan(layout, root, label, label is not null, volumeId);
        Allocate(plan);
        return plan;
    }

    private FatLayout ChooseLayout(DirectoryPlan root)
    {
        var rootSlots = root.SlotCount;
        if (_options.Size is { } size)
        {
            if (size % FatLayout.SectorSize != 0 || size <= 0)
            {
                throw new FileTreeException($"FAT size {size} is not a positive multiple of {FatLayout.SectorSize} bytes; round it up to {(size + FatLayout.SectorSize - 1) / FatLayout.SectorSize * FatLayout.SectorSize}.");
            }

            var layout = FatLayout.TryCompute(size / FatLayout.SectorSize, _options.FatType, _options.SectorsPerCluster, rootSlots, out var reason)
                ?? throw new FileTreeException($"Cannot lay out a {Describe(_options.FatType)} volume of {size} bytes: {reason}.");
            if (!Fits(layout, root))
            {
                var needed = FindMinimalSectors(root) * FatLayout.SectorSize;
                throw new FileTreeException(
                    $"The tree needs a {Describe(_options.FatType)} volume of at least {needed} bytes, but the size given is {size} bytes ({NeededClusters(root, layout)} clusters of {layout.ClusterBytes} bytes needed, {layout.ClusterCount} available). Give a larger size, or none to have it computed.");
            }

            return layout;
        }

        var minimal = FindMinimalSectors(root) * FatLayout.SectorSize;
        var target = (minimal + _options.HeadroomBytes + SizeRounding - 1) / SizeRounding * SizeRounding;
        for (var attempt = 0; attempt < 64; attempt++, target += SizeRounding)
        {
            var layout = FatLayout.TryCompute(target / FatLayout.SectorSize, _options.FatType, _options.SectorsPerCluster, rootSlots, out _);
            if (layout is not null && Fits(layout, root))
            {
                return layout;
            }
        }

        throw new FileTreeException($"No {Describe(_options.FatType)} layout holds this tree near {target} bytes; give the size explicitly.");
    }

    /// <summary>The smallest sector count (in 64 KiB steps, growing geometrically) whose layout holds the tree.</summary>
    private long FindMinimalSectors(DirectoryPlan root)
    {
        const long step = 128; // 64 KiB
        long dataBytes = 0;
        Accumulate(root, ref dataBytes);
        var sectors = Math.Max(2048, (dataBytes + (64 << 10)) / FatLayout.SectorSize / step * step);
        string last = "";
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            if (sectors > uint.MaxValue)
            {
                break;
            }

            var layout = FatLayout.TryCompute(sectors, _options.FatType, _options.SectorsPerCluster, root.SlotCount, out last);
            if (layout is not null && Fits(layout, root))
            {
                return sectors;
            }

            sectors += Math.Max(step, sectors / 64 / step * step);
        }

        throw new FileTreeException($"The tree does not fit any {Describe(_options.FatType)} volume ({last}); it is larger than FAT can hold.");
    }

    private static void Accumulate(DirectoryPlan directory, ref long bytes)
    {
        bytes += (long)directory.SlotCount * FatDirectoryEntry.Length;
        foreach (var item in directory.Items)
        {
            if (item.Directory is { } sub)
            {
                Accumulate(sub, ref bytes);
            }
            else
            {
                bytes += item.Node.Size;
            }
        }
    }

    private static string Describe(FatType? type) => type is { } t ? $"FAT{(int)t}" : "FAT";

    private static bool Fits(FatLayout layout, DirectoryPlan root) =>
        (layout.Type == FatType.Fat32 || root.SlotCount <= layout.RootEntries) && NeededClusters(root, layout) <= layout.ClusterCount;

    private static long NeededClusters(DirectoryPlan root, FatLayout layout) =>
        (layout.Type == FatType.Fat32 ? DirectoryClusters(root, layout.ClusterBytes) : 0) + ContentClusters(root, layout.ClusterBytes);

    /// <summary>Clusters of everything below a directory (not the directory's own entries).</summary>
    private static long ContentClusters(DirectoryPlan directory, int clusterBytes)
    {
        long clusters = 0;
        foreach (var item in directory.Items)
        {
            clusters += item.Directory is { } sub
                ? DirectoryClusters(sub, clusterBytes) + ContentClusters(sub, clusterBytes)
                : (item.Node.Size + clusterBytes - 1) / clusterBytes;
        }

        return clusters;
    }

    /// <summary>Clusters a directory's entries take (at least one; the FAT12/16 root lives outside the data area).</summary>
    private static long DirectoryClusters(DirectoryPlan directory, int clusterBytes) =>
        Math.Max(1, ((long)directory.SlotCount * FatDirectoryEntry.Length + clusterBytes - 1) / clusterBytes);

    private void Allocate(Plan plan)
    {
        var layout = plan.Layout;
        uint next = FatBootSector.RootCluster;
        void Take(ItemPlan item, long clusters)
        {
            item.Clusters = (uint)clusters;
            if (clusters == 0)
            {
                return;
            }

            item.FirstCluster = next;
            plan.Runs.Add(new FatClusterRun(next, (uint)clusters));
            plan.DataOrder.Add(item);
            next += (uint)clusters;
        }

        void Visit(DirectoryPlan directory)
        {
            foreach (var item in directory.Items)
            {
                if (item.Directory is { } sub)
                {
                    Take(item, DirectoryClusters(sub, layout.ClusterBytes));
                    Visit(sub);
                }
                else
                {
                    Take(item, (item.Node.Size + layout.ClusterBytes - 1) / layout.ClusterBytes);
                }
            }
        }

        if (layout.Type == FatType.Fat32)
        {
            var rootItem = new ItemPlan(new FatName("", [], 0, false), _tree.Root, "", plan.Root);
            plan.Root.Item = rootItem;
            Take(rootItem, DirectoryClusters(plan.Root, layout.ClusterBytes));
        }

        Visit(plan.Root);
        plan.UsedClusters = next - FatBootSector.RootCluster;
        if (plan.UsedClusters > layout.ClusterCount)
        {
            throw new InvalidOperationException("FAT allocation overran the volume; the fit check is wrong.");
        }
    }

    private DirectoryPlan PlanDirectory(FileNode node, string path, DirectoryPlan? parent, ItemPlan? item)
    {
        var directory = new DirectoryPlan(node, parent) { Item = item };
        var kept = new List<(string Name, FileNode Node)>();
        foreach (var (name, child) in node.Children!)
        {
            var childPath = path.Length == 0 ? name : path + "/" + name;
            if (child.Kind is FileNodeKind.Directory or FileNodeKind.RegularFile)
            {
                if (child.Kind == FileNodeKind.RegularFile && child.Size > uint.MaxValue)
                {
                    throw new FileTreeException($"File '{childPath}' is {child.Size} bytes; FAT files hold at most {uint.MaxValue} bytes.");
                }

                kept.Add((name, child));
            }
            else if (_options.UnsupportedNodes == FatUnsupportedNodes.Error)
            {
                throw new FileTreeException($"'{childPath}' is a {child.Kind}, which FAT cannot hold. Remove it from the tree or set UnsupportedNodes = Skip.");
            }
        }

        var names = FatShortNames.Assign(kept.Select(k => k.Name).ToList(), path);
        for (var i = 0; i < kept.Count; i++)
        {
            var childPath = path.Length == 0 ? kept[i].Name : path + "/" + kept[i].Name;
            var childItem = new ItemPlan(names[i], kept[i].Node, childPath, null);
            if (kept[i].Node.IsDirectory)
            {
                childItem.Directory = PlanDirectory(kept[i].Node, childPath, directory, childItem);
            }

            directory.Items.Add(childItem);
        }

        directory.SlotCount = directory.Items.Sum(i => i.Name.SlotCount) + (parent is null ? (LabelBytes(_options.VolumeLabel) is null ? 0 : 1) : 2);
        if (directory.SlotCount > MaxDirectoryEntries)
        {
            throw new FileTreeException($"Directory '{(path.Length == 0 ? "/" : path)}' needs {directory.SlotCount} directory entries; FAT allows {MaxDirectoryEntries}. Split it into subdirectories or use shorter names.");
        }

        return directory;
    }

    private static byte[]? LabelBytes(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return null;
        }

        var upper = label.ToUpperInvariant();
        if (upper.Length > 11 || upper.StartsWith(' ') || upper.Any(c => c != ' ' && !FatShortNames.IsShortNameCharacter(c)))
        {
            throw new FileTreeException($"Volume label '{label}' is not valid: FAT labels are up to 11 characters of A-Z, 0-9, space (not first) and $%'-_@~`!(){{}}^#&.");
        }

        return Encoding.ASCII.GetBytes(upper.PadRight(11));
    }

    private static uint HashVolumeId(DirectoryPlan root, byte[]? label)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(label ?? "NO NAME    "u8.ToArray());
        void Visit(DirectoryPlan directory)
        {
            foreach (var item in directory.Items)
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"\n{item.Path}\0{item.Node.Kind}\0{item.Node.Size}\0{item.Node.ModificationTime}\0{item.Node.Mode}"));
                if (item.Directory is { } sub)
                {
                    Visit(sub);
                }
            }
        }

        Visit(root);
        return BitConverter.ToUInt32(hash.GetHashAndReset(), 0);
    }

    private sealed class Plan(FatLayout layout, DirectoryPlan root, byte[]? label, bool hasLabel, uint volumeId)
    {
        public FatLayout Layout { get; } = layout;

        public DirectoryPlan Root { get; } = root;

        public byte[] Label { get; } = label ?? Encoding.ASCII.GetBytes("NO NAME    ");

        public bool HasLabel { get; } = hasLabel;

        public uint VolumeId { get; } = volumeId;

        public List<FatClusterRun> Runs { get; } = [];

        public List<ItemPlan> DataOrder { get; } = [];

        public uint UsedClusters { get; set; }
    }

    private sealed class DirectoryPlan(FileNode node, DirectoryPlan? parent)
    {
        public FileNode Node { get; } = node;

        public DirectoryPlan? Parent { get; } = parent;

        public ItemPlan? Item { get; set; }

        public List<ItemPlan> Items { get; } = [];

        public int SlotCount { get; set; }
    }

    private sealed class ItemPlan(FatName name, FileNode node, string path, DirectoryPlan? directory)
    {
        public FatName Name { get; } = name;

        public FileNode Node { get; } = node;

        public string Path { get; } = path;

        public DirectoryPlan? Directory { get; set; } = directory;

        public uint FirstCluster { get; set; }

        public uint Clusters { get; set; }
    }
}
