using Hyperbake.Imaging.Iso9660.ElTorito;
using Hyperbake.Imaging.Iso9660.RockRidge;
using Hyperbake.Imaging.Iso9660.Structures;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>
/// Where everything goes, decided before a byte is written: system area, volume descriptors
/// (primary, El Torito boot record, Joliet, terminator), boot catalog, path tables, directory
/// extents of both hierarchies, Rock Ridge continuation areas, then file extents (boot images
/// first, then files in walk order, each hard-linked node once).
/// </summary>
internal sealed class IsoLayout
{
    /// <summary>Directory records hold 32-bit sizes; larger files need multi-extent records, which this writer does not make.</summary>
    public const long MaxFileLength = uint.MaxValue;

    private IsoLayout(IsoOptions options) => Options = options;

    public IsoOptions Options { get; }

    public Hierarchy Primary { get; private set; } = null!;

    public Hierarchy? Joliet { get; private set; }

    public ContinuationRegion Continuations { get; } = new(IsoLayoutConstants.BlockSize);

    public long ContinuationBlock { get; private set; }

    public long BootRecordBlock { get; private set; } = -1;

    public long JolietDescriptorBlock { get; private set; } = -1;

    public long TerminatorBlock { get; private set; }

    public long CatalogBlock { get; private set; } = -1;

    public List<FileData> Files { get; } = [];

    public List<(ElToritoPlatform Platform, FileData Data, int SectorCount)> BootImages { get; } = [];

    public long TotalBlocks { get; private set; }

    public static IsoLayout Plan(FileTree tree, IsoOptions options)
    {
        IsoOptionsValidator.Validate(options);
        var layout = new IsoLayout(options);
        var inodes = new Dictionary<FileNode, (long Serial, int Names)>(ReferenceEqualityComparer.Instance);
        var data = new Dictionary<FileNode, FileData>(ReferenceEqualityComparer.Instance);
        var directories = new Dictionary<string, SourceDirectory>(StringComparer.Ordinal);
        var entries = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        var root = layout.ReadTree(tree, inodes, data, directories, entries);
        var treeFiles = data.Values.ToList();

        var bootData = layout.PlanBootImages(inodes, data, directories, entries);
        layout.Files.AddRange(bootData);
        layout.Files.AddRange(treeFiles.Where(f => !bootData.Contains(f)));

        var rockRidge = options.RockRidge ? new RockRidgeRecorder(inodes) : null;
        layout.Primary = Hierarchy.Build(root, joliet: false, rockRidge, layout.Continuations);
        if (options.Joliet)
        {
            layout.Joliet = Hierarchy.Build(root, joliet: true, null, layout.Continuations);
        }

        layout.PlaceBlocks();
        return layout;
    }

    private SourceDirectory ReadTree(
        FileTree tree,
        Dictionary<FileNode, (long Serial, int Names)> inodes,
        Dictionary<FileNode, FileData> data,
        Dictionary<string, SourceDirectory> directories,
        Dictionary<string, SourceEntry> entries)
    {
        SourceDirectory? root = null;
        foreach (var walked in tree.Walk())
        {
            var node = walked.Node;
            inodes[node] = inodes.TryGetValue(node, out var inode) ? (inode.Serial, inode.Names + 1) : (inodes.Count + 1, 1);
            if (walked.Path.Length == 0)
            {
                root = new SourceDirectory(node, null, "");
                directories[""] = root;
                continue;
            }

            var slash = walked.Path.LastIndexOf('/');
            var parent = directories[slash < 0 ? "" : walked.Path[..slash]];
            SourceDirectory? directory = null;
            if (node.IsDirectory)
            {
                directory = new SourceDirectory(node, parent, walked.Path);
                directories[walked.Path] = directory;
            }

            FileData? fileData = null;
            if (node.Kind == FileNodeKind.RegularFile && !data.TryGetValue(node, out fileData))
            {
                var content = node.Content ?? BytesContent.Empty;
                if (content.Length > MaxFileLength)
                {
                    throw new IsoBuildException(
                        $"File '{walked.Path}' is {content.Length} bytes; ISO 9660 records file sizes below 4 GiB and this writer does not split files into multi-extent records. Split the file, or put it in a squashfs/ext4 image inside the ISO.");
                }

                fileData = new FileData(content, walked.Path);
                data[node] = fileData;
            }

            var entry = new SourceEntry(walked.Name, walked.Path, node) { Directory = directory, Data = fileData };
            parent.Entries.Add(entry);
            entries[walked.Path] = entry;
        }

        return root!;
    }

    private List<FileData> PlanBootImages(
        Dictionary<FileNode, (long Serial, int Names)> inodes,
        Dictionary<FileNode, FileData> data,
        Dictionary<string, SourceDirectory> directories,
        Dictionary<string, SourceEntry> entries)
    {
        var boot = Options.ElTorito;
        var planned = new List<FileData>();
        if (boot is null || !(boot.HasBios || boot.HasEfi))
        {
            return planned;
        }

        FileData Resolve(IContentSource? content, string? path, string what)
        {
            if (path is null)
            {
                return new FileData(content!, $"({what} boot image)");
            }

            var normalized = FileTreePath.Normalize(path);
            if (entries.TryGetValue(normalized, out var existing))
            {
                if (existing.Data is null)
                {
                    throw new IsoBuildException($"The {what} boot image path '{path}' names a {existing.Node.Kind}, not a regular file. Point it at the image file.");
                }

                if (content is not null && !ReferenceEquals(content, existing.Node.Content))
                {
                    throw new IsoBuildException(
                        $"The {what} boot image path '{path}' already holds a different file in the tree. Give only the path to boot the tree's file, or a path the tree does not use.");
                }

                return existing.Data;
            }

            if (content is null)
            {
                throw new IsoBuildException($"The {what} boot image '{path}' is not in the tree. Add the file to the tree or give its content as well.");
            }

            var slash = normalized.LastIndexOf('/');
            var parentPath = slash < 0 ? "" : normalized[..slash];
            if (!directories.TryGetValue(parentPath, out var parent))
            {
                throw new IsoBuildException($"The {what} boot image path '{path}' needs directory '{parentPath}', which is not in the tree. Add the directory to the tree.");
            }

            // Shown in the tree like a file given to xorriso -e: mode 0644, owned by root, stamped with SOURCE_DATE_EPOCH.
            var node = FileNode.File(content);
            node.ModificationTime = Options.SourceDateEpoch;
            var fileData = new FileData(content, normalized);
            var entry = new SourceEntry(normalized[(slash + 1)..], normalized, node) { Data = fileData };
            var index = parent.Entries.FindIndex(e => string.CompareOrdinal(e.Name, entry.Name) > 0);
            parent.Entries.Insert(index < 0 ? parent.Entries.Count : index, entry);
            entries[normalized] = entry;
            inodes[node] = (inodes.Count + 1, 1);
            data[node] = fileData;
            return fileData;
        }

        if (boot.HasBios)
        {
            var bios = Resolve(boot.BiosImage, boot.BiosImagePath, "BIOS");
            BootImages.Add((ElToritoPlatform.X86Bios, bios, boot.BiosLoadSectors));
            planned.Add(bios);
        }

        if (boot.HasEfi)
        {
            var efi = Resolve(boot.EfiImage, boot.EfiImagePath, "UEFI");
            BootImages.Add((ElToritoPlatform.Efi, efi, EfiSectorCount(efi.Length)));
            if (!planned.Contains(efi))
            {
                planned.Add(efi);
            }
        }

        return planned;
    }

    /// <summary>
    /// The 512-byte sector count of an EFI image as xorriso records it: whole 2048-byte blocks
    /// times four, or 0 when that exceeds 16 bits (firmware then reads the FAT image's own size).
    /// </summary>
    public static int EfiSectorCount(long length)
    {
        var sectors = IsoLayoutConstants.BlocksFor(length) * 4;
        return sectors > ushort.MaxValue ? 0 : (int)sectors;
    }

    private void PlaceBlocks()
    {
        var next = (long)IsoLayoutConstants.FirstVolumeDescriptorBlock + 1;
        if (BootImages.Count > 0)
        {
            BootRecordBlock = next++;
        }

        if (Joliet is not null)
        {
            JolietDescriptorBlock = next++;
        }

        TerminatorBlock = next++;
        if (BootImages.Count > 0)
        {
            CatalogBlock = next++;
        }

        foreach (var hierarchy in Hierarchies())
        {
            hierarchy.LPathTableBlock = next;
            next += hierarchy.PathTableBlocks;
            hierarchy.MPathTableBlock = next;
            next += hierarchy.PathTableBlocks;
        }

        foreach (var hierarchy in Hierarchies())
        {
            foreach (var directory in hierarchy.Directories)
            {
                directory.Block = next;
                next += directory.Size / IsoLayoutConstants.BlockSize;
            }
        }

        ContinuationBlock = next;
        next += Continuations.BlockCount;
        foreach (var file in Files)
        {
            file.Block = file.Length == 0 ? 0 : next;
            next += file.Blocks;
        }

        TotalBlocks = next;
        if (Options.ElTorito is { BiosBootInfoTable: true } && BootImages.FirstOrDefault(b => b.Platform == ElToritoPlatform.X86Bios).Data is { } bios)
        {
            var checksum = BootInfoTable.ComputeChecksum(bios.Content, bios.Path);
            bios.Patch = BootInfoTable.Create(bios.Block, bios.Length, checksum);
            bios.PatchOffset = BootInfoTable.Offset;
        }
    }

    public IEnumerable<Hierarchy> Hierarchies()
    {
        yield return Primary;
        if (Joliet is not null)
        {
            yield return Joliet;
        }
    }
}
