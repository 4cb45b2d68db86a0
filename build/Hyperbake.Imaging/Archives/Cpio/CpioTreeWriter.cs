using System.Text;
using Hyperbake.Imaging.Archives.Streams;
using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Cpio;

/// <summary>
/// Writes a file tree as a newc cpio archive the Linux kernel unpacks as an initramfs: walk
/// order, inode numbers assigned in that order (shared by hard links), link counts derived from
/// the tree, a hard-linked file's data on its last name only (earlier names have size 0), 4-byte
/// alignment and the closing "TRAILER!!!". Contents are streamed.
/// </summary>
public static class CpioTreeWriter
{
    public static void WriteFile(FileTree tree, string path, CpioWriteOptions? options = null)
    {
        OutputFile.Write(path, 1 << 16, file => Write(tree, file, options));
    }

    public static void Write(FileTree tree, Stream output, CpioWriteOptions? options = null)
    {
        options ??= new CpioWriteOptions();
        ArchiveFile.Write(output, options.Gzip, options.GzipLevel, target => WriteEntries(tree, target, options));
    }

    private static void WriteEntries(FileTree tree, Stream output, CpioWriteOptions options)
    {
        var names = tree.CountNames();
        var inodes = new Dictionary<FileNode, uint>(ReferenceEqualityComparer.Instance);
        var namesLeft = new Dictionary<FileNode, int>(ReferenceEqualityComparer.Instance);
        var buffer = new byte[1 << 20];
        var headerBytes = new byte[CpioHeader.Length];
        uint nextInode = 1;
        foreach (var entry in tree.Walk())
        {
            if (entry.Path.Length == 0 && !options.IncludeRoot)
            {
                continue;
            }

            var node = entry.Node;
            if (!inodes.TryGetValue(node, out var inode))
            {
                inode = nextInode++;
                inodes[node] = inode;
                namesLeft[node] = names[node];
            }

            var isLastName = --namesLeft[node] == 0;
            var linkCount = node.IsDirectory ? 2 + node.Children!.Values.Count(c => c.IsDirectory) : names[node];
            byte[]? symlinkBytes = node.Kind == FileNodeKind.Symlink ? Encoding.UTF8.GetBytes(node.SymlinkTarget ?? "") : null;
            long size = node.Kind switch
            {
                FileNodeKind.RegularFile => isLastName ? node.Size : 0,
                FileNodeKind.Symlink => symlinkBytes!.Length,
                _ => 0,
            };
            var name = entry.Path.Length == 0 ? "." : entry.Path;
            if (size > uint.MaxValue)
            {
                throw new FileTreeException($"File '{name}' is {size} bytes; a newc cpio entry holds at most {uint.MaxValue} bytes.");
            }

            if (node.ModificationTime is < 0 or > uint.MaxValue)
            {
                throw new FileTreeException($"'{name}' has mtime {node.ModificationTime}, outside the 0..{uint.MaxValue} a newc cpio header holds.");
            }

            var nameBytes = Encoding.UTF8.GetBytes(name);
            WriteHeader(output, headerBytes, new CpioHeader
            {
                Inode = inode,
                Mode = (uint)node.PosixMode,
                Uid = (uint)node.Uid,
                Gid = (uint)node.Gid,
                LinkCount = (uint)linkCount,
                ModificationTime = (uint)node.ModificationTime,
                FileSize = (uint)size,
                RdevMajor = (uint)node.DeviceMajor,
                RdevMinor = (uint)node.DeviceMinor,
                NameSize = (uint)nameBytes.Length + 1,
            }, nameBytes);

            if (symlinkBytes is not null)
            {
                output.Write(symlinkBytes);
            }
            else if (size > 0)
            {
                node.Content!.CopyContent(output, name, buffer);
            }

            output.Write(new byte[CpioHeader.Padding(size)]);
        }

        WriteHeader(output, headerBytes, new CpioHeader { LinkCount = 1, NameSize = (uint)CpioHeader.Trailer.Length + 1 }, Encoding.ASCII.GetBytes(CpioHeader.Trailer));
    }

    private static void WriteHeader(Stream output, byte[] headerBytes, CpioHeader header, byte[] name)
    {
        header.WriteTo(headerBytes);
        output.Write(headerBytes);
        output.Write(name);
        output.Write(new byte[1 + CpioHeader.Padding(CpioHeader.Length + name.Length + 1)]);
    }
}
