using Hyperbake.Imaging.Iso9660.Layout;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Iso9660.RockRidge;

/// <summary>
/// Chooses the Rock Ridge entries of each record. Inode numbers (PX serial) are given to nodes in
/// walk order, so hard links share one and readers such as xorriso can tell; link counts are
/// derived: names for non-directories, 2 + subdirectories for directories.
/// </summary>
internal sealed class RockRidgeRecorder(Dictionary<FileNode, (long Serial, int Names)> inodes)
{
    /// <summary>The root's "." record: SP first (SUSP 5.3), then its own entries, then ER naming Rock Ridge.</summary>
    public List<byte[]> ForDirectorySelf(SourceDirectory directory)
    {
        var entries = new List<byte[]>();
        if (directory.IsRoot)
        {
            entries.Add(SuspEntries.SharingProtocolIndicator());
        }

        entries.Add(Attributes(directory.Node, 2 + directory.SubdirectoryCount));
        entries.Add(RockRidgeEntries.Timestamps(directory.Node.ModificationTime));
        if (directory.IsRoot)
        {
            entries.Add(SuspEntries.ExtensionsReference());
        }

        return entries;
    }

    public List<byte[]> ForParent(SourceDirectory parent) =>
    [
        Attributes(parent.Node, 2 + parent.SubdirectoryCount),
        RockRidgeEntries.Timestamps(parent.Node.ModificationTime),
    ];

    public List<byte[]> ForEntry(SourceEntry entry)
    {
        var node = entry.Node;
        var links = entry.Directory is { } directory ? 2 + directory.SubdirectoryCount : inodes[node].Names;
        var entries = new List<byte[]>
        {
            Attributes(node, links),
            RockRidgeEntries.Timestamps(node.ModificationTime),
        };
        if (node.Kind is FileNodeKind.CharDevice or FileNodeKind.BlockDevice)
        {
            entries.Add(RockRidgeEntries.DeviceNumber(node.DeviceMajor, node.DeviceMinor));
        }

        entries.AddRange(RockRidgeEntries.AlternateName(entry.Name));
        if (node.Kind == FileNodeKind.Symlink)
        {
            entries.AddRange(RockRidgeEntries.SymbolicLink(node.SymlinkTarget ?? ""));
        }

        return entries;
    }

    private byte[] Attributes(FileNode node, int links) =>
        RockRidgeEntries.PosixAttributes(node.PosixMode, links, node.Uid, node.Gid, inodes[node].Serial);
}
