using Hyperbake.Imaging.Archives.Cpio;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>A rootfs archive read by its name, as disk_image does: <c>.cpio</c>, <c>.cpio.gz</c> or <c>.tar.gz</c>.</summary>
public static class RootfsArchive
{
    public static FileTree Read(string path, string variable)
    {
        var name = Path.GetFileName(path);
        try
        {
            if (name.EndsWith(".cpio", StringComparison.Ordinal) || name.EndsWith(".cpio.gz", StringComparison.Ordinal))
            {
                return CpioTreeReader.ReadFile(path);
            }

            if (name.EndsWith(".tar.gz", StringComparison.Ordinal))
            {
                return TarTreeReader.ReadFile(path);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FileTreeException or EndOfStreamException)
        {
            throw new ImageBuilderException($"{variable}='{path}' cannot be read as {name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..]}: {e.Message}", e);
        }

        throw new ImageBuilderException($"Ignoring {path}: unsupported file format. Use cpio or cpio.gz or tar.gz. ({variable} names it.)");
    }

    /// <summary><c>du -sb</c> of the extracted tree: file bytes (hard links once), 4 KiB per directory, symlink target lengths.</summary>
    public static long ApparentSize(FileTree tree)
    {
        const long DirectoryBytes = 4096;
        var seen = new HashSet<FileNode>(ReferenceEqualityComparer.Instance);
        long total = 0;
        foreach (var entry in tree.Walk())
        {
            if (!seen.Add(entry.Node))
            {
                continue;
            }

            total += entry.Node.Kind switch
            {
                FileNodeKind.Directory => DirectoryBytes,
                FileNodeKind.Symlink => System.Text.Encoding.UTF8.GetByteCount(entry.Node.SymlinkTarget ?? string.Empty),
                _ => entry.Node.Size,
            };
        }

        return total;
    }
}
