using System.Text;
using Hyperbake.Imaging.Archives.Streams;
using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Tar;

/// <summary>
/// Writes a file tree as a POSIX (PAX) tar, deterministically: walk order, numeric ids, the
/// node's mtime, hard links as link entries, xattrs as <c>SCHILY.xattr.*</c>. PAX records are
/// added only where ustar cannot hold a value (long or non-ASCII names, big sizes and ids).
/// Contents are streamed; sockets cannot be archived and are left out, as GNU tar does.
/// </summary>
public static class TarTreeWriter
{
    private const string PaxHeaderDirectory = "PaxHeaders/";

    /// <returns>The SHA-256 of the file, computed on another core while it was written.</returns>
    public static string WriteFile(FileTree tree, string path, TarWriteOptions? options = null) =>
        OutputFile.Write(path, 1 << 16, file =>
        {
            using var hashing = new Sha256WhileWriting(file);
            Write(tree, hashing, options);
            return hashing.Finish();
        });

    public static void Write(FileTree tree, Stream output, TarWriteOptions? options = null)
    {
        options ??= new TarWriteOptions();
        ArchiveFile.Write(output, options.Gzip, options.GzipLevel, target => WriteEntries(tree, target, options));
    }

    private static void WriteEntries(FileTree tree, Stream output, TarWriteOptions options)
    {
        var block = new byte[TarHeader.BlockSize];
        var buffer = new byte[1 << 20];
        var firstPath = new Dictionary<FileNode, string>(ReferenceEqualityComparer.Instance);
        var names = tree.CountNames();
        foreach (var entry in tree.Walk())
        {
            var node = entry.Node;
            if (node.Kind == FileNodeKind.Socket || (entry.Path.Length == 0 && !options.IncludeRoot))
            {
                continue;
            }

            var name = entry.Path.Length == 0 ? "./" : node.IsDirectory ? entry.Path + "/" : entry.Path;
            var header = new TarHeader
            {
                Mode = node.Mode & 0xFFF,
                ModificationTime = node.ModificationTime,
                UserName = OwnerName(options.UserNames, node.Uid),
                GroupName = OwnerName(options.GroupNames, node.Gid),
            };
            var pax = new List<byte>();
            string? linkTarget = null;
            long size = 0;
            if (!node.IsDirectory && names[node] > 1 && firstPath.TryGetValue(node, out var first))
            {
                header.TypeFlag = TarEntryType.HardLink;
                linkTarget = first;
            }
            else
            {
                if (!node.IsDirectory && names[node] > 1)
                {
                    firstPath[node] = entry.Path;
                }

                (header.TypeFlag, linkTarget, size) = node.Kind switch
                {
                    FileNodeKind.Directory => (TarEntryType.Directory, null, 0L),
                    FileNodeKind.RegularFile => (TarEntryType.RegularFile, null, node.Size),
                    FileNodeKind.Symlink => (TarEntryType.Symlink, node.SymlinkTarget ?? "", 0L),
                    FileNodeKind.CharDevice => (TarEntryType.CharDevice, null, 0L),
                    FileNodeKind.BlockDevice => (TarEntryType.BlockDevice, null, 0L),
                    FileNodeKind.Fifo => (TarEntryType.Fifo, null, 0L),
                    _ => throw new FileTreeException($"Cannot write '{entry.Path}' ({node.Kind}) to a tar archive."),
                };
                header.DeviceMajor = node.DeviceMajor;
                header.DeviceMinor = node.DeviceMinor;
            }

            SetName(header, name, pax);
            if (linkTarget is not null)
            {
                var linkBytes = Encoding.UTF8.GetBytes(linkTarget);
                if (linkBytes.Length > TarHeader.FieldLocations.LinkNameLength || !IsAscii(linkBytes))
                {
                    PaxRecords.Append(pax, PaxRecords.LinkPath, linkBytes);
                    header.LinkName = AsciiFallback(linkBytes, TarHeader.FieldLocations.LinkNameLength);
                }
                else
                {
                    header.LinkName = linkBytes;
                }
            }

            header.Size = Fit(size, TarHeader.FieldLocations.SizeLength, PaxRecords.Size, pax);
            header.Uid = Fit(node.Uid, TarHeader.FieldLocations.IdLength, PaxRecords.Uid, pax);
            header.Gid = Fit(node.Gid, TarHeader.FieldLocations.IdLength, PaxRecords.Gid, pax);
            header.ModificationTime = Fit(node.ModificationTime, TarHeader.FieldLocations.ModificationTimeLength, PaxRecords.ModificationTime, pax);
            if (header.TypeFlag != TarEntryType.HardLink)
            {
                foreach (var (xattr, value) in node.Xattrs)
                {
                    PaxRecords.Append(pax, PaxRecords.SchilyXattrPrefix + xattr, value);
                }
            }

            if (pax.Count > 0)
            {
                WritePaxHeader(output, block, entry.Name.Length == 0 ? "root" : entry.Name, header, pax);
            }

            header.WriteTo(block);
            output.Write(block);
            if (size > 0)
            {
                node.Content!.CopyContent(output, entry.Path, buffer);
                WritePadding(output, size);
            }
        }

        Array.Clear(block);
        output.Write(block);
        output.Write(block);
    }

    private static void WritePaxHeader(Stream output, byte[] block, string baseName, TarHeader entry, List<byte> records)
    {
        var name = Encoding.UTF8.GetBytes(PaxHeaderDirectory + baseName);
        var pax = new TarHeader
        {
            Name = AsciiFallback(name, TarHeader.FieldLocations.NameLength),
            Mode = 0x1A4,
            Uid = entry.Uid,
            Gid = entry.Gid,
            ModificationTime = entry.ModificationTime,
            Size = records.Count,
            TypeFlag = TarEntryType.PaxExtended,
        };
        pax.WriteTo(block);
        output.Write(block);
        output.Write(records.ToArray());
        WritePadding(output, records.Count);
    }

    /// <summary>Puts the name in the header (splitting into ustar prefix/name when it helps) or in a PAX path record.</summary>
    private static void SetName(TarHeader header, string name, List<byte> pax)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        if (IsAscii(bytes))
        {
            if (bytes.Length <= TarHeader.FieldLocations.NameLength)
            {
                header.Name = bytes;
                return;
            }

            // ustar: prefix (<= 155) '/' name (<= 100), split at a slash.
            for (var i = bytes.Length - 1; i > 0; i--)
            {
                if (bytes[i] == (byte)'/' && i <= TarHeader.FieldLocations.PrefixLength && bytes.Length - i - 1 <= TarHeader.FieldLocations.NameLength && bytes.Length - i - 1 > 0)
                {
                    header.Prefix = bytes[..i];
                    header.Name = bytes[(i + 1)..];
                    return;
                }
            }
        }

        PaxRecords.Append(pax, PaxRecords.Path, bytes);
        header.Name = AsciiFallback(bytes, TarHeader.FieldLocations.NameLength);
    }

    /// <summary>Keeps a value in its octal field if it fits, else records it in PAX and stores 0 (or the clamped value).</summary>
    private static long Fit(long value, int fieldLength, string key, List<byte> pax)
    {
        var max = TarHeader.MaxOctal(fieldLength);
        if (value >= 0 && value <= max)
        {
            return value;
        }

        PaxRecords.Append(pax, key, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Math.Clamp(value, 0, max);
    }

    private static byte[] OwnerName(IReadOnlyDictionary<int, string>? names, int id)
    {
        if (names is null || !names.TryGetValue(id, out var name))
        {
            return [];
        }

        var bytes = Encoding.UTF8.GetBytes(name);
        return bytes.Length <= TarHeader.FieldLocations.OwnerNameLength
            ? bytes
            : throw new FileTreeException($"Owner name '{name}' is longer than the {TarHeader.FieldLocations.OwnerNameLength} bytes a tar header holds.");
    }

    private static bool IsAscii(byte[] bytes) => !bytes.AsSpan().ContainsAnyInRange((byte)0x80, (byte)0xFF);

    /// <summary>The header copy of a name that lives in a PAX record: its ASCII bytes, cut to the field.</summary>
    private static byte[] AsciiFallback(byte[] bytes, int length)
    {
        var ascii = bytes.Select(b => b < 0x80 ? b : (byte)'_').ToArray();
        return ascii.Length <= length ? ascii : ascii[..length];
    }

    private static void WritePadding(Stream output, long size)
    {
        var padding = (int)((TarHeader.BlockSize - (size % TarHeader.BlockSize)) % TarHeader.BlockSize);
        if (padding > 0)
        {
            output.Write(new byte[padding]);
        }
    }
}
