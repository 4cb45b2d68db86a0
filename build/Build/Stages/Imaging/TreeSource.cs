using System.Text;
using Hyperbake.Imaging.Archives.Compression;
using Hyperbake.Imaging.Archives.Cpio;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.Trees.Readers;

namespace Build.Stages.Imaging;

/// <summary>
/// Reads what an image is made from: a folder (owners forced to root unless kept) or a tar or
/// cpio archive (owners as recorded), with every modification time clamped to SOURCE_DATE_EPOCH.
/// </summary>
public static class TreeSource
{
    public const string ArchiveKinds = ".tar, .tar.gz, .tgz, .tar.bz2, .cpio, .cpio.gz";

    public static FileTree Read(FilesystemRequest request)
    {
        var spelling = request.Spelling;
        var given = request.FromText.Length > 0 ? request.FromText : request.From;
        try
        {
            if (Directory.Exists(request.From))
            {
                var tree = new FileTree(request.SourceDateEpoch);
                DirectoryTreeReader.Read(request.From, tree, new DirectoryReadOptions
                {
                    Owner = request.KeepOwner ? null : (0, 0),
                    ClampModificationTime = request.SourceDateEpoch,
                });
                return tree;
            }

            if (File.Exists(request.From))
            {
                var tree = new FileTree(request.SourceDateEpoch);
                if (IsCpio(request.From))
                {
                    CpioTreeReader.ReadFile(request.From, tree);
                }
                else
                {
                    TarTreeReader.ReadFile(request.From, tree);
                }

                Clamp(tree, request.SourceDateEpoch);
                return tree;
            }
        }
        catch (FileTreeException e)
        {
            throw new ImagingInputException($"{spelling.Given("from", given)}: {e.Message}");
        }

        throw new ImagingInputException(
            $"{spelling.Given("from", given)}: no such folder or file ({request.From}). Give a folder or an archive ({ArchiveKinds}).");
    }

    /// <summary>Archives record their own times; none may be later than SOURCE_DATE_EPOCH.</summary>
    private static void Clamp(FileTree tree, long sourceDateEpoch)
    {
        foreach (var entry in tree.Walk())
        {
            entry.Node.ModificationTime = Math.Min(entry.Node.ModificationTime, sourceDateEpoch);
        }
    }

    // A cpio archive (newc or crc) starts with "07070", after any compression; anything else is read as tar.
    private static bool IsCpio(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        var (_, stream) = CompressionDetector.Sniff(file, Path.GetFileName(path));
        using (stream)
        {
            var head = new byte[5];
            var got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return got == head.Length && Encoding.ASCII.GetString(head) == "07070";
        }
    }
}
