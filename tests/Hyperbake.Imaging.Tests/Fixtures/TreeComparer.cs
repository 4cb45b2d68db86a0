using System.Security.Cryptography;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Fixtures;

/// <summary>Compares two file trees entry by entry and reports every difference (names, kinds, bytes, metadata, hard links).</summary>
public static class TreeComparer
{
    public static IReadOnlyList<string> Differences(FileTree expected, FileTree actual, TreeCompareOptions? options = null)
    {
        options ??= new TreeCompareOptions();
        var differences = new List<string>();
        var left = Index(expected, options);
        var right = Index(actual, options);
        foreach (var path in left.Keys.Except(right.Keys).Order(StringComparer.Ordinal).Take(20))
        {
            differences.Add($"missing: '{path}'");
        }

        foreach (var path in right.Keys.Except(left.Keys).Order(StringComparer.Ordinal).Take(20))
        {
            differences.Add($"unexpected: '{path}'");
        }

        var linkPartners = new Dictionary<FileNode, FileNode>(ReferenceEqualityComparer.Instance);
        foreach (var (path, a) in left.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!right.TryGetValue(path, out var b))
            {
                continue;
            }

            Compare(path, a, b, options, differences);
            if (options.HardLinks && !a.IsDirectory)
            {
                if (linkPartners.TryGetValue(a, out var partner) && !ReferenceEquals(partner, b))
                {
                    differences.Add($"'{path}': expected to be a hard link of the same node as an earlier name, but is a separate node");
                }

                linkPartners.TryAdd(a, b);
            }
        }

        if (options.HardLinks)
        {
            var expectedGroups = left.Where(p => !p.Value.IsDirectory).GroupBy(p => p.Value, ReferenceEqualityComparer.Instance).Count();
            var actualGroups = right.Where(p => !p.Value.IsDirectory && left.ContainsKey(p.Key)).GroupBy(p => p.Value, ReferenceEqualityComparer.Instance).Count();
            if (expectedGroups != actualGroups)
            {
                differences.Add($"hard links: expected {expectedGroups} distinct nodes, found {actualGroups}");
            }
        }

        return differences;
    }

    /// <summary>Fails the test with the list of differences.</summary>
    public static void ShouldEqual(this FileTree actual, FileTree expected, TreeCompareOptions? options = null)
    {
        var differences = Differences(expected, actual, options);
        differences.Should().BeEmpty("the trees should be equal, but:\n" + string.Join('\n', differences.Take(40)));
    }

    public static string Hash(IContentSource content)
    {
        using var stream = content.OpenRead();
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static Dictionary<string, FileNode> Index(FileTree tree, TreeCompareOptions options)
    {
        var index = new Dictionary<string, FileNode>(StringComparer.Ordinal);
        foreach (var entry in tree.Walk())
        {
            if ((entry.Path.Length == 0 && !options.Root) || options.IgnorePaths.Any(p => entry.Path == p || entry.Path.StartsWith(p + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            index[entry.Path] = entry.Node;
        }

        return index;
    }

    private static void Compare(string path, FileNode a, FileNode b, TreeCompareOptions options, List<string> differences)
    {
        if (a.Kind != b.Kind)
        {
            differences.Add($"'{path}': kind {a.Kind} != {b.Kind}");
            return;
        }

        switch (a.Kind)
        {
            case FileNodeKind.RegularFile:
                if (a.Size != b.Size)
                {
                    differences.Add($"'{path}': size {a.Size} != {b.Size}");
                }
                else if (Hash(a.Content!) != Hash(b.Content!))
                {
                    differences.Add($"'{path}': contents differ");
                }

                break;
            case FileNodeKind.Symlink when a.SymlinkTarget != b.SymlinkTarget:
                differences.Add($"'{path}': symlink target '{a.SymlinkTarget}' != '{b.SymlinkTarget}'");
                break;
            case FileNodeKind.CharDevice or FileNodeKind.BlockDevice when a.DeviceMajor != b.DeviceMajor || a.DeviceMinor != b.DeviceMinor:
                differences.Add($"'{path}': device {a.DeviceMajor}:{a.DeviceMinor} != {b.DeviceMajor}:{b.DeviceMinor}");
                break;
        }

        if (options.Modes && a.Kind != FileNodeKind.Symlink && a.Mode != b.Mode)
        {
            differences.Add($"'{path}': mode {Convert.ToString(a.Mode, 8)} != {Convert.ToString(b.Mode, 8)}");
        }

        if (options.Ownership && (a.Uid != b.Uid || a.Gid != b.Gid))
        {
            differences.Add($"'{path}': owner {a.Uid}:{a.Gid} != {b.Uid}:{b.Gid}");
        }

        var checkTime = a.IsDirectory ? options.DirectoryModificationTimes : a.Kind == FileNodeKind.Symlink ? options.SymlinkModificationTimes && options.ModificationTimes : options.ModificationTimes;
        if (checkTime && a.ModificationTime != b.ModificationTime)
        {
            differences.Add($"'{path}': mtime {a.ModificationTime} != {b.ModificationTime}");
        }

        if (options.Xattrs)
        {
            var ax = string.Join(",", a.Xattrs.Select(x => x.Key + "=" + Convert.ToHexString(x.Value)));
            var bx = string.Join(",", b.Xattrs.Where(x => x.Key.StartsWith("user.", StringComparison.Ordinal) || a.Xattrs.ContainsKey(x.Key)).Select(x => x.Key + "=" + Convert.ToHexString(x.Value)));
            if (ax != bx)
            {
                differences.Add($"'{path}': xattrs [{ax}] != [{bx}]");
            }
        }
    }
}
