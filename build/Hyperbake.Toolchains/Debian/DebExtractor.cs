using System.Formats.Tar;
using System.Security.Cryptography;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Turns a package's <c>data.tar</c> into a <see cref="FileTree"/> with the modes, owners, times, links and
/// devices the package declares (no root needed: nothing is written with those owners).
/// Small files stay in memory; larger ones are spilled once to a cache folder keyed by the .deb's hash.
/// </summary>
public sealed class DebExtractor(string spillRoot, long memoryThreshold = 1 << 20)
{
    /// <summary>Adds the package's files to <paramref name="into"/> (a new tree when null) and returns it.</summary>
    public FileTree Extract(string debPath, FileTree? into = null)
    {
        var tree = into ?? new FileTree();
        var key = Key(debPath);
        var spill = Path.Combine(spillRoot, key);
        using var tar = new TarReader(DebPackage.OpenTar(debPath, "data"));
        var number = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            number++;
            var path = FileTreePath.Normalize(entry.Name, debPath);
            var mode = (int)entry.Mode & 0xFFF;
            FileNode node;
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    if (path.Length == 0)
                    {
                        tree.Root.Mode = mode;
                        Stamp(tree.Root, entry);
                        continue;
                    }

                    node = FileNode.Directory(mode);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    node = FileNode.File(Content(entry, spill, number), mode);
                    break;
                case TarEntryType.SymbolicLink:
                    node = FileNode.Symlink(entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    tree.AddHardLink(path, FileTreePath.Normalize(entry.LinkName, debPath), debPath);
                    continue;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                    var posix = (PosixTarEntry)entry;
                    node = FileNode.Device(entry.EntryType == TarEntryType.CharacterDevice ? FileNodeKind.CharDevice : FileNodeKind.BlockDevice, posix.DeviceMajor, posix.DeviceMinor, mode);
                    break;
                case TarEntryType.Fifo:
                    node = FileNode.Fifo(mode);
                    break;
                default:
                    // Pax/GNU metadata entries are folded into the next entry by TarReader.
                    continue;
            }

            Stamp(node, entry);
            tree.Add(path, node, debPath);
        }

        return tree;
    }

    private static void Stamp(FileNode node, TarEntry entry)
    {
        node.Uid = entry.Uid;
        node.Gid = entry.Gid;
        node.ModificationTime = entry.ModificationTime.ToUnixTimeSeconds();
    }

    private IContentSource Content(TarEntry entry, string spill, int number)
    {
        var length = entry.Length;
        if (length == 0 || entry.DataStream is null)
        {
            return BytesContent.Empty;
        }

        if (length <= memoryThreshold)
        {
            var bytes = new byte[length];
            entry.DataStream.ReadExactly(bytes);
            return new BytesContent(bytes);
        }

        // Same .deb, same entry number, same bytes: a spilled file from an earlier run is reused.
        var target = Path.Combine(spill, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!File.Exists(target) || new FileInfo(target).Length != length)
        {
            Directory.CreateDirectory(spill);
            var temp = target + ".tmp-" + Environment.ProcessId;
            using (var output = File.Create(temp))
            {
                entry.DataStream.CopyTo(output);
            }

            File.Move(temp, target, overwrite: true);
        }

        return new HostFileContent(target);
    }

    private static string Key(string debPath)
    {
        var name = Path.GetFileNameWithoutExtension(debPath);
        if (name.Length == 64 && name.All(char.IsAsciiHexDigitLower))
        {
            return name;
        }

        using var file = File.OpenRead(debPath);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
