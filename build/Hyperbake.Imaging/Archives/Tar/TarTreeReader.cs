using System.Text;
using Hyperbake.Imaging.Archives.Compression;
using Hyperbake.Imaging.Archives.Streams;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Archives.Tar;

/// <summary>
/// Reads a tar archive (ustar, GNU with <c>././@LongLink</c>, PAX; plain, gzip or bzip2 by magic)
/// into a <see cref="FileTree"/>. Paths that escape the root, names routed through a symlink,
/// hard links to missing targets and malformed headers are errors naming the archive and entry.
/// File contents are never held in memory: slices of the archive when it is an uncompressed
/// file, a spool file otherwise.
/// </summary>
public static class TarTreeReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Reads a tar file into a new tree.</summary>
    public static FileTree ReadFile(string path, TarReadOptions? options = null)
    {
        var tree = new FileTree();
        ReadFile(path, tree, options);
        return tree;
    }

    /// <summary>Reads a tar file onto an existing tree (later entries replace earlier ones).</summary>
    public static void ReadFile(string path, FileTree tree, TarReadOptions? options = null)
    {
        options ??= new TarReadOptions();
        options = options with { ArchiveName = options.ArchiveName ?? Path.GetFileName(path) };
        ArchiveFile.Read(path, options.ArchiveName!, (stream, store) => Read(stream, tree, store, options));
    }

    /// <summary>Reads an OCI image layer onto <paramref name="tree"/>, applying its whiteouts.</summary>
    public static void ReadLayer(string path, FileTree tree, string? layerName = null) =>
        ReadFile(path, tree, new TarReadOptions { ApplyWhiteouts = true, ArchiveName = layerName });

    /// <summary>Reads a tar stream (any compression) onto a tree; contents are spooled to a temporary file.</summary>
    public static void Read(Stream input, FileTree tree, TarReadOptions? options = null)
    {
        options ??= new TarReadOptions();
        options = options with { ArchiveName = options.ArchiveName ?? "tar stream" };
        var (_, stream) = CompressionDetector.Sniff(input, options.ArchiveName!);
        Read(stream, tree, ArchiveContentStore.Spooled(), options);
    }

    private static void Read(Stream stream, FileTree tree, ArchiveContentStore store, TarReadOptions options)
    {
        var archive = options.ArchiveName!;
        var whiteouts = options.ApplyWhiteouts ? new LayerWhiteouts(tree, archive) : null;
        var block = new byte[TarHeader.BlockSize];
        long offset = 0;
        Dictionary<string, byte[]>? pax = null;
        var globalPax = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        byte[]? longName = null, longLink = null;
        var entries = 0;

        while (true)
        {
            var headerOffset = offset;
            string At() => $"{archive}, header at byte {headerOffset}";
            if (!stream.ReadBlock(block, At))
            {
                if (entries == 0 && offset == 0)
                {
                    throw new FileTreeException($"{archive} is empty; expected a tar archive.");
                }

                break; // no end-of-archive blocks: accepted, as GNU tar does
            }

            offset += TarHeader.BlockSize;
            if (TarHeader.IsZeroBlock(block))
            {
                break;
            }

            var header = TarHeader.Parse(block, At());
            entries++;
            var size = header.Size;
            if (pax?.TryGetValue(PaxRecords.Size, out var paxSize) == true)
            {
                size = PaxRecords.ParseNumber(paxSize, PaxRecords.Size, At());
            }

            var padding = (TarHeader.BlockSize - (size % TarHeader.BlockSize)) % TarHeader.BlockSize;
            switch (header.TypeFlag)
            {
                case TarEntryType.PaxExtended:
                case TarEntryType.PaxGlobal:
                    var records = PaxRecords.Parse(ReadSmall(stream, size, At), At());
                    if (header.TypeFlag == TarEntryType.PaxGlobal)
                    {
                        foreach (var (k, v) in records)
                        {
                            globalPax[k] = v;
                        }
                    }
                    else
                    {
                        pax = records;
                    }

                    break;
                case TarEntryType.GnuLongName:
                    longName = TrimNul(ReadSmall(stream, size, At));
                    break;
                case TarEntryType.GnuLongLink:
                    longLink = TrimNul(ReadSmall(stream, size, At));
                    break;
                case TarEntryType.GnuVolumeHeader:
                    stream.Skip(size, At);
                    break;
                default:
                    var merged = Merge(globalPax, pax);
                    var name = Decode(merged.TryGetValue(PaxRecords.Path, out var p) ? p : longName ?? header.FullName, archive, At);
                    var link = Decode(merged.TryGetValue(PaxRecords.LinkPath, out var l) ? l : longLink ?? header.LinkName, archive, At);
                    string Describe() => $"{archive}, entry '{name}'";
                    AddEntry(tree, header, merged, name, link, size, offset, stream, store, whiteouts, archive, Describe);
                    pax = null;
                    longName = null;
                    longLink = null;
                    break;
            }

            offset += size;
            stream.Skip(padding, At);
            offset += padding;
        }
    }

    private static void AddEntry(
        FileTree tree, TarHeader header, Dictionary<string, byte[]> pax, string name, string link, long size, long dataOffset,
        Stream stream, ArchiveContentStore store, LayerWhiteouts? whiteouts, string archive, Func<string> describe)
    {
        if (pax.Keys.Any(k => k.StartsWith(PaxRecords.GnuSparsePrefix, StringComparison.Ordinal)) || header.TypeFlag == TarEntryType.GnuSparse)
        {
            throw new FileTreeException($"{describe()}: GNU sparse entries are not supported; create the archive without --sparse.");
        }

        if (header.TypeFlag == TarEntryType.GnuMultiVolume)
        {
            throw new FileTreeException($"{describe()}: multi-volume continuation entries are not supported.");
        }

        var path = FileTreePath.Normalize(name, archive);
        if (whiteouts?.TryApply(path) == true)
        {
            stream.Skip(size, describe);
            return;
        }

        var isDirectory = header.TypeFlag is TarEntryType.Directory or TarEntryType.GnuDumpDir
            || (header.TypeFlag is TarEntryType.RegularFile or TarEntryType.OldRegularFile && name.EndsWith('/'));
        FileNode node;
        switch (header.TypeFlag)
        {
            case var _ when isDirectory:
                node = FileNode.Directory(header.Mode & 0xFFF);
                stream.Skip(size, describe);
                break;
            case TarEntryType.RegularFile or TarEntryType.OldRegularFile or TarEntryType.ContiguousFile:
                node = FileNode.File(store.Take(stream, dataOffset, size, describe), header.Mode & 0xFFF);
                break;
            case TarEntryType.HardLink:
                stream.Skip(size, describe);
                if (path.Length == 0)
                {
                    throw new FileTreeException($"{describe()}: a hard link cannot replace the root directory.");
                }

                tree.AddHardLink(path, FileTreePath.Normalize(link, archive), archive);
                whiteouts?.Added(path);
                return;
            case TarEntryType.Symlink:
                node = FileNode.Symlink(link);
                stream.Skip(size, describe);
                break;
            case TarEntryType.CharDevice or TarEntryType.BlockDevice:
                var major = pax.TryGetValue(PaxRecords.SchilyDevMajor, out var ma) ? (int)PaxRecords.ParseNumber(ma, PaxRecords.SchilyDevMajor, describe()) : header.DeviceMajor;
                var minor = pax.TryGetValue(PaxRecords.SchilyDevMinor, out var mi) ? (int)PaxRecords.ParseNumber(mi, PaxRecords.SchilyDevMinor, describe()) : header.DeviceMinor;
                node = FileNode.Device(header.TypeFlag == TarEntryType.CharDevice ? FileNodeKind.CharDevice : FileNodeKind.BlockDevice, major, minor, header.Mode & 0xFFF);
                stream.Skip(size, describe);
                break;
            case TarEntryType.Fifo:
                node = FileNode.Fifo(header.Mode & 0xFFF);
                stream.Skip(size, describe);
                break;
            default:
                throw new FileTreeException($"{describe()}: unsupported tar entry type '{(char)header.TypeFlag}' (0x{header.TypeFlag:X2}).");
        }

        node.Uid = checked((int)(pax.TryGetValue(PaxRecords.Uid, out var u) ? PaxRecords.ParseNumber(u, PaxRecords.Uid, describe()) : header.Uid));
        node.Gid = checked((int)(pax.TryGetValue(PaxRecords.Gid, out var g) ? PaxRecords.ParseNumber(g, PaxRecords.Gid, describe()) : header.Gid));
        node.ModificationTime = pax.TryGetValue(PaxRecords.ModificationTime, out var t) ? PaxRecords.ParseTime(t, describe()) : header.ModificationTime;
        foreach (var (key, value) in pax)
        {
            if (key.StartsWith(PaxRecords.SchilyXattrPrefix, StringComparison.Ordinal))
            {
                node.Xattrs[key[PaxRecords.SchilyXattrPrefix.Length..]] = value;
            }
            else if (key.StartsWith(PaxRecords.LibarchiveXattrPrefix, StringComparison.Ordinal))
            {
                var xattrName = Uri.UnescapeDataString(key[PaxRecords.LibarchiveXattrPrefix.Length..]);
                node.Xattrs[xattrName] = Convert.FromBase64String(Encoding.ASCII.GetString(value));
            }
        }

        if (path.Length == 0)
        {
            // "./" names the root itself: take its metadata.
            if (!node.IsDirectory)
            {
                throw new FileTreeException($"{describe()}: the root entry must be a directory, not a {node.Kind}.");
            }

            tree.Root.Mode = node.Mode;
            tree.Root.WithMetadataOf(node);
            return;
        }

        tree.Add(path, node, archive);
        whiteouts?.Added(path);
    }

    private static Dictionary<string, byte[]> Merge(Dictionary<string, byte[]> global, Dictionary<string, byte[]>? local)
    {
        if (local is null)
        {
            return global;
        }

        var merged = new Dictionary<string, byte[]>(global, StringComparer.Ordinal);
        foreach (var (k, v) in local)
        {
            merged[k] = v;
        }

        return merged;
    }

    private static byte[] ReadSmall(Stream stream, long size, Func<string> at)
    {
        if (size > 16 << 20)
        {
            throw new FileTreeException($"{at()}: extended header of {size} bytes is implausibly large.");
        }

        return stream.ReadExactly((int)size, at);
    }

    private static byte[] TrimNul(byte[] bytes)
    {
        var end = Array.IndexOf(bytes, (byte)0);
        return end < 0 ? bytes : bytes[..end];
    }

    private static string Decode(byte[] bytes, string archive, Func<string> at)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FileTreeException($"{at()}: name '{Encoding.Latin1.GetString(bytes)}' in {archive} is not valid UTF-8; file trees hold UTF-8 names.");
        }
    }
}
