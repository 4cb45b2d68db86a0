using System.Text;
using Hyperbake.Imaging.Archives.Compression;
using Hyperbake.Imaging.Archives.Streams;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Cpio;

/// <summary>
/// Reads newc and crc cpio archives (plain, gzip or bzip2; several archives concatenated, as
/// initramfs images are) into a <see cref="FileTree"/>. Hard links are the entries sharing an
/// inode number; their data sits on whichever entry carries it (newc puts it on the last).
/// </summary>
public static class CpioTreeReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static FileTree ReadFile(string path, CpioReadOptions? options = null)
    {
        var tree = new FileTree();
        ReadFile(path, tree, options);
        return tree;
    }

    public static void ReadFile(string path, FileTree tree, CpioReadOptions? options = null)
    {
        var name = options?.ArchiveName ?? Path.GetFileName(path);
        ArchiveFile.Read(path, name, (stream, store) => Read(stream, tree, store, name));
    }

    public static void Read(Stream input, FileTree tree, CpioReadOptions? options = null)
    {
        var name = options?.ArchiveName ?? "cpio stream";
        var (_, stream) = CompressionDetector.Sniff(input, name);
        Read(stream, tree, ArchiveContentStore.Spooled(), name);
    }

    private static void Read(Stream stream, FileTree tree, ArchiveContentStore store, string archive)
    {
        var headerBytes = new byte[CpioHeader.Length];
        long offset = 0;
        var links = new Dictionary<(uint, uint, uint), FileNode>();
        var sawTrailer = false;
        while (true)
        {
            var headerOffset = offset;
            string At() => $"{archive}, header at byte {headerOffset}";
            if (!ReadHeaderStart(stream, headerBytes, ref offset, At))
            {
                break;
            }

            var header = CpioHeader.Parse(headerBytes, At());
            offset += CpioHeader.Length;
            if (header.NameSize is 0 or > 65536)
            {
                throw new FileTreeException($"{At()}: malformed cpio header, name size {header.NameSize}.");
            }

            var nameBytes = stream.ReadExactly((int)header.NameSize, At);
            offset += header.NameSize;
            var pad = CpioHeader.Padding(CpioHeader.Length + header.NameSize);
            stream.Skip(pad, At);
            offset += pad;
            if (nameBytes[^1] != 0)
            {
                throw new FileTreeException($"{At()}: malformed cpio header, the name is not NUL-terminated.");
            }

            var name = Decode(nameBytes.AsSpan(0, nameBytes.Length - 1), At);
            string Describe() => $"{archive}, entry '{name}'";
            if (name == CpioHeader.Trailer)
            {
                sawTrailer = true;
                links.Clear(); // inode numbers start over in a concatenated archive
                continue;
            }

            sawTrailer = false;
            AddEntry(tree, header, name, stream, offset, store, links, archive, Describe);
            offset += header.FileSize;
            var dataPad = CpioHeader.Padding(header.FileSize);
            stream.Skip(dataPad, Describe);
            offset += dataPad;
        }

        if (!sawTrailer)
        {
            throw new FileTreeException($"{archive}: the cpio archive ends without its {CpioHeader.Trailer} entry (truncated?).");
        }
    }

    /// <summary>Reads the next header, skipping the zero padding allowed between concatenated archives; false at the end.</summary>
    private static bool ReadHeaderStart(Stream stream, byte[] header, ref long offset, Func<string> at)
    {
        while (true)
        {
            var got = stream.ReadAtLeast(header.AsSpan(0, 4), 4, throwOnEndOfStream: false);
            if (got == 0)
            {
                return false;
            }

            if (got < 4)
            {
                if (header.AsSpan(0, got).ContainsAnyExcept((byte)0))
                {
                    throw new FileTreeException($"{at()}: trailing garbage after the archive.");
                }

                return false;
            }

            if (header.AsSpan(0, 4).ContainsAnyExcept((byte)0))
            {
                break;
            }

            offset += 4;
        }

        var rest = stream.ReadAtLeast(header.AsSpan(4), CpioHeader.Length - 4, throwOnEndOfStream: false);
        if (rest < CpioHeader.Length - 4)
        {
            throw new FileTreeException($"{at()}: the archive ends part way through a cpio header.");
        }

        return true;
    }

    private static void AddEntry(
        FileTree tree, CpioHeader header, string name, Stream stream, long dataOffset, ArchiveContentStore store,
        Dictionary<(uint, uint, uint), FileNode> links, string archive, Func<string> describe)
    {
        var path = FileTreePath.Normalize(name, archive);
        var mode = (int)header.Mode;
        var type = mode & 0xF000;
        FileNode node;
        if (type == 0x8000)
        {
            var key = (header.Inode, header.DeviceMajor, header.DeviceMinor);
            var content = store.Take(stream, dataOffset, header.FileSize, describe);
            if (header.LinkCount > 1 && links.TryGetValue(key, out var existing))
            {
                if (header.FileSize > 0)
                {
                    existing.Content = content;
                }

                tree.Add(path, existing, archive);
                return;
            }

            node = FileNode.File(content, mode & 0xFFF);
            if (header.LinkCount > 1)
            {
                links[key] = node;
            }
        }
        else
        {
            string? target = null;
            if (type == 0xA000)
            {
                target = Decode(stream.ReadExactly(checked((int)header.FileSize), describe), describe);
            }
            else
            {
                stream.Skip(header.FileSize, describe);
            }

            node = FileNode.FromPosixMode(mode, symlinkTarget: target, major: (int)header.RdevMajor, minor: (int)header.RdevMinor);
        }

        if (header.HasCrc && type == 0x8000 && header.FileSize > 0)
        {
            VerifyCrc(node.Content!, header.Check, describe);
        }

        node.Uid = (int)header.Uid;
        node.Gid = (int)header.Gid;
        node.ModificationTime = header.ModificationTime;
        if (path.Length == 0)
        {
            if (!node.IsDirectory)
            {
                throw new FileTreeException($"{describe()}: the root entry must be a directory, not a {node.Kind}.");
            }

            tree.Root.Mode = node.Mode;
            tree.Root.WithMetadataOf(node);
            return;
        }

        tree.Add(path, node, archive);
    }

    private static void VerifyCrc(IContentSource content, uint expected, Func<string> describe)
    {
        uint sum = 0;
        var buffer = new byte[1 << 16];
        using var s = content.OpenRead();
        int n;
        while ((n = s.Read(buffer)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, n))
            {
                sum += b;
            }
        }

        if (sum != expected)
        {
            throw new FileTreeException($"{describe()}: data checksum {sum:X8} does not match the header's {expected:X8}; the archive is corrupt.");
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes, Func<string> at)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FileTreeException($"{at()}: name '{Encoding.Latin1.GetString(bytes)}' is not valid UTF-8; file trees hold UTF-8 names.");
        }
    }
}
