using Hyperbake.Imaging.Iso9660.RockRidge;
using Hyperbake.Imaging.Iso9660.Structures;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>
/// One directory hierarchy: the primary one (d-character names, Rock Ridge in the records) or the
/// Joliet one (UCS-2 names, no Rock Ridge, only directories and regular files). Directories are
/// kept in path table order (breadth first, siblings in identifier order), which is also the
/// order their extents are laid out in.
/// </summary>
internal sealed class Hierarchy
{
    /// <summary>A path table's parent number is 16 bits wide.</summary>
    private const int MaxDirectories = ushort.MaxValue;

    /// <summary>Records are kept even in length, so the system use field gets at most 254 minus the fixed part.</summary>
    private const int MaxEvenRecordLength = IsoLayoutConstants.MaxRecordLength - 1;

    private Hierarchy(bool joliet) => Joliet = joliet;

    public bool Joliet { get; }

    public List<HierarchyDirectory> Directories { get; } = [];

    public HierarchyDirectory Root => Directories[0];

    public int PathTableBytes { get; private set; }

    public long PathTableBlocks => IsoLayoutConstants.BlocksFor(PathTableBytes);

    public long LPathTableBlock { get; set; }

    public long MPathTableBlock { get; set; }

    public long DirectoryBlocks => Directories.Sum(d => d.Size / IsoLayoutConstants.BlockSize);

    /// <summary>Builds the hierarchy; <paramref name="rockRidge"/> is null for Joliet or when Rock Ridge is off.</summary>
    public static Hierarchy Build(SourceDirectory root, bool joliet, RockRidgeRecorder? rockRidge, ContinuationRegion continuations)
    {
        var hierarchy = new Hierarchy(joliet);
        var queue = new Queue<HierarchyDirectory>();
        queue.Enqueue(new HierarchyDirectory(root, null, [0]));
        while (queue.Count > 0)
        {
            var directory = queue.Dequeue();
            hierarchy.Directories.Add(directory);
            directory.Number = hierarchy.Directories.Count;
            if (directory.Number > MaxDirectories)
            {
                throw new IsoBuildException(
                    $"The tree has more than {MaxDirectories} directories; ISO 9660 path tables number directories in 16 bits. Pack part of the tree into an image file (squashfs) inside the ISO.");
            }

            if (rockRidge is not null)
            {
                var dotCapacity = MaxEvenRecordLength - DirectoryRecord.FixedLength(1);
                directory.DotSystemUse = SystemUseField.Create(rockRidge.ForDirectorySelf(directory.Source), dotCapacity, continuations);
                directory.DotDotSystemUse = SystemUseField.Create(rockRidge.ForParent(directory.Source.Parent), dotCapacity, continuations);
            }

            foreach (var record in hierarchy.CreateRecords(directory, rockRidge, continuations))
            {
                directory.Records.Add(record);
                if (record.Directory is { } child)
                {
                    queue.Enqueue(child);
                }
            }

            directory.Size = ExtentSize(directory);
            hierarchy.PathTableBytes += PathTableRecord.LengthOf(directory.Identifier.Length);
        }

        return hierarchy;
    }

    private IEnumerable<HierarchyRecord> CreateRecords(HierarchyDirectory directory, RockRidgeRecorder? rockRidge, ContinuationRegion continuations)
    {
        var names = new UniqueNames();
        var named = new List<(string Identifier, SourceEntry Entry)>();
        foreach (var entry in directory.Source.Entries)
        {
            var kind = entry.Node.Kind;
            if (kind != FileNodeKind.Directory && kind != FileNodeKind.RegularFile && rockRidge is null)
            {
                // Without Rock Ridge a symlink, device, fifo or socket has no representation.
                continue;
            }

            var identifier = (Joliet, kind == FileNodeKind.Directory) switch
            {
                (true, true) => JolietNaming.DirectoryIdentifier(entry.Name, names),
                (true, false) => JolietNaming.FileIdentifier(entry.Name, names),
                (false, true) => IsoNaming.DirectoryIdentifier(entry.Name, names),
                (false, false) => IsoNaming.FileIdentifier(entry.Name, names),
            };
            named.Add((identifier, entry));
        }

        named.Sort((a, b) => IdentifierComparer.Instance.Compare(a.Identifier, b.Identifier));
        foreach (var (identifier, entry) in named)
        {
            var bytes = Joliet ? Encoding.IsoBinary.Ucs2(identifier) : System.Text.Encoding.ASCII.GetBytes(identifier);
            var systemUse = SystemUseField.Empty;
            if (rockRidge is not null)
            {
                var capacity = MaxEvenRecordLength - DirectoryRecord.FixedLength(bytes.Length);
                systemUse = SystemUseField.Create(rockRidge.ForEntry(entry), capacity, continuations);
            }

            var child = entry.Directory is { } source ? new HierarchyDirectory(source, directory, bytes) : null;
            yield return new HierarchyRecord(bytes, entry, child, systemUse);
        }
    }

    /// <summary>Packs ".", ".." and the records into blocks; a record that would cross a block starts the next one.</summary>
    private static long ExtentSize(HierarchyDirectory directory)
    {
        var blocks = 1L;
        var used = 0;
        void Place(int length)
        {
            if (used + length > IsoLayoutConstants.BlockSize)
            {
                blocks++;
                used = 0;
            }

            used += length;
        }

        Place(DirectoryRecord.FixedLength(1) + directory.DotSystemUse.Length);
        Place(DirectoryRecord.FixedLength(1) + directory.DotDotSystemUse.Length);
        foreach (var record in directory.Records)
        {
            Place(record.Length);
        }

        return blocks * IsoLayoutConstants.BlockSize;
    }
}
