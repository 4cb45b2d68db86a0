using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.SquashFs;

/// <summary>
/// A canonical line per entry (type, permissions, owners, mtime, size, content hash, symlink
/// target, device numbers, other names of the same inode, xattrs), made either from a FileTree
/// (what went in) or from a directory on disk via find/stat/getfattr (what a reader produced),
/// so the two can be compared line by line.
/// </summary>
internal static class TreeSnapshot
{
    public static List<string> FromTree(FileTree tree)
    {
        var names = new Dictionary<FileNode, List<string>>(ReferenceEqualityComparer.Instance);
        var entries = tree.Walk().ToList();
        foreach (var entry in entries)
        {
            var path = entry.Path.Length == 0 ? "." : entry.Path;
            if (!names.TryGetValue(entry.Node, out var list))
            {
                names[entry.Node] = list = [];
            }

            list.Add(path);
        }

        var lines = new List<string>();
        foreach (var entry in entries)
        {
            var node = entry.Node;
            var path = entry.Path.Length == 0 ? "." : entry.Path;
            var type = node.Kind switch
            {
                FileNodeKind.Directory => 'd',
                FileNodeKind.RegularFile => 'f',
                FileNodeKind.Symlink => 'l',
                FileNodeKind.CharDevice => 'c',
                FileNodeKind.BlockDevice => 'b',
                FileNodeKind.Fifo => 'p',
                _ => 's',
            };
            string? hash = null;
            if (node.Kind == FileNodeKind.RegularFile)
            {
                using var stream = node.Content!.OpenRead();
                hash = Convert.ToHexString(SHA256.HashData(stream));
            }

            var others = node.IsDirectory ? [] : names[node].Where(n => n != path).Order(StringComparer.Ordinal).ToList();
            var linkCount = node.IsDirectory ? 2 + node.Children!.Values.Count(c => c.IsDirectory) : names[node].Count;
            lines.Add(Line(path, type, node.Mode & 0xFFF, node.Uid, node.Gid, node.ModificationTime, linkCount,
                node.Kind == FileNodeKind.RegularFile ? node.Size : null, hash, node.SymlinkTarget,
                node.Kind is FileNodeKind.CharDevice or FileNodeKind.BlockDevice ? $"{node.DeviceMajor}:{node.DeviceMinor}" : null,
                others, node.Xattrs.Select(x => $"{x.Key}={Convert.ToHexString(x.Value)}")));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static List<string> FromDirectory(string root, bool withXattrs = true)
    {
        var find = ExternalTool.Run("find", root, "-printf", "%P\\0%y\\0%m\\0%U\\0%G\\0%T@\\0%i\\0%s\\0%l\\0%n\\0");
        find.ExitCode.Should().Be(0, find.StdErr);
        var fields = find.StdOut.Split('\0');
        var rows = new List<(string Path, char Type, int Mode, int Uid, int Gid, long Mtime, string Inode, long Size, string Target, int Links)>();
        for (var i = 0; i + 10 <= fields.Length; i += 10)
        {
            var path = fields[i].Length == 0 ? "." : fields[i];
            var seconds = fields[i + 5].Split('.')[0];
            rows.Add((path, fields[i + 1][0], Convert.ToInt32(fields[i + 2], 8), int.Parse(fields[i + 3], CultureInfo.InvariantCulture),
                int.Parse(fields[i + 4], CultureInfo.InvariantCulture), long.Parse(seconds, CultureInfo.InvariantCulture), fields[i + 6],
                long.Parse(fields[i + 7], CultureInfo.InvariantCulture), fields[i + 8], int.Parse(fields[i + 9], CultureInfo.InvariantCulture)));
        }

        var byInode = rows.Where(r => r.Type != 'd').GroupBy(r => r.Inode).ToDictionary(g => g.Key, g => g.Select(r => r.Path).ToList());
        var devices = Devices(root, rows.Where(r => r.Type is 'c' or 'b').Select(r => r.Path));
        var xattrs = withXattrs ? Xattrs(root) : [];
        var lines = new List<string>();
        foreach (var row in rows)
        {
            string? hash = null;
            if (row.Type == 'f')
            {
                hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, row.Path))));
            }

            var others = row.Type == 'd' ? [] : byInode[row.Inode].Where(n => n != row.Path).Order(StringComparer.Ordinal).ToList();
            lines.Add(Line(row.Path, row.Type, row.Mode, row.Uid, row.Gid, row.Mtime, row.Links, row.Type == 'f' ? row.Size : null, hash,
                row.Type == 'l' ? row.Target : null, devices.GetValueOrDefault(row.Path), others,
                xattrs.GetValueOrDefault(row.Path) ?? []));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Line(string path, char type, int mode, int uid, int gid, long mtime, int linkCount, long? size, string? hash, string? target, string? device, List<string> others, IEnumerable<string> xattrs)
    {
        var sb = new StringBuilder();
        sb.Append(path).Append(" type=").Append(type).Append(" mode=").Append(Convert.ToString(mode, 8))
            .Append(" owner=").Append(uid).Append(':').Append(gid).Append(" mtime=").Append(mtime).Append(" nlink=").Append(linkCount);
        if (size is not null)
        {
            sb.Append(" size=").Append(size).Append(" sha256=").Append(hash);
        }

        if (target is not null)
        {
            sb.Append(" target=").Append(target);
        }

        if (device is not null)
        {
            sb.Append(" device=").Append(device);
        }

        if (others.Count > 0)
        {
            sb.Append(" links=").Append(string.Join('|', others));
        }

        foreach (var x in xattrs.Order(StringComparer.Ordinal))
        {
            sb.Append(" xattr:").Append(x);
        }

        return sb.ToString();
    }

    private static Dictionary<string, string> Devices(string root, IEnumerable<string> paths)
    {
        var list = paths.ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (list.Count == 0)
        {
            return result;
        }

        var stat = ExternalTool.Run("stat", new[] { "--printf=%t %T\\n" }.Concat(list.Select(p => Path.Combine(root, p))));
        stat.ExitCode.Should().Be(0, stat.StdErr);
        var lines = stat.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < list.Count; i++)
        {
            var parts = lines[i].Split(' ');
            result[list[i]] = $"{Convert.ToInt32(parts[0], 16)}:{Convert.ToInt32(parts[1], 16)}";
        }

        return result;
    }

    /// <summary>getfattr's dump of every attribute (all namespaces, symlinks not followed), by relative path.</summary>
    private static Dictionary<string, List<string>> Xattrs(string root)
    {
        var dump = ExternalTool.Run("getfattr", "-R", "-h", "-P", "-d", "-m", "-", "-e", "hex", "--absolute-names", root);
        dump.ExitCode.Should().Be(0, dump.StdErr);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        var prefix = root.TrimEnd('/') + "/";
        foreach (var line in dump.StdOut.Split('\n'))
        {
            if (line.StartsWith("# file: ", StringComparison.Ordinal))
            {
                var path = Unescape(line["# file: ".Length..]);
                path = path == root.TrimEnd('/') ? "." : path[prefix.Length..];
                result[path] = current = [];
            }
            else if (line.Contains('=') && current is not null)
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                var value = line[(eq + 1)..];
                current.Add($"{line[..eq]}={(value.StartsWith("0x", StringComparison.Ordinal) ? value[2..].ToUpperInvariant() : value)}");
            }
            else if (line.Length > 0 && !line.Contains('=') && current is not null && !line.StartsWith('#'))
            {
                current.Add($"{line}=");
            }
        }

        return result;
    }

    /// <summary>getfattr writes bytes outside printable ASCII as backslash-octal escapes.</summary>
    private static string Unescape(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length + 0 && char.IsAsciiDigit(text[i + 1]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
