using System.Text;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Fixtures;

/// <summary>
/// Generates the awkward trees every writer is checked with: deep paths, long and non-ASCII
/// names, names differing only in case, empty, large and mostly-zero files, hard links,
/// symlinks, devices, fifos, ownership, xattrs and a directory of 5,000 entries. Formats exclude
/// what they cannot hold through <see cref="AwkwardTreeOptions.Features"/>.
/// </summary>
public static class AwkwardTrees
{
    public static FileTree Build(AwkwardTreeOptions? options = null)
    {
        options ??= new AwkwardTreeOptions();
        var f = options.Features;
        var tree = new FileTree(options.ModificationTime);
        tree.Root.Mode = 0x1ED;
        tree.AddFile("README.txt", "Hyperbake test tree\n");
        tree.AddDirectory("bin");
        tree.AddFile("bin/tool", "#!/bin/sh\necho tool\n", mode: 0x1ED);
        tree.AddFile("etc/config.conf", "key = value\n", mode: 0x1A0);
        tree.AddFile("etc/readonly.txt", "read only\n", mode: 0x124);

        if (f.HasFlag(AwkwardFeatures.Ownership))
        {
            tree.AddDirectory("home/user", mode: 0x1C0, uid: 1000, gid: 1000);
            tree.AddFile("home/user/.profile", "export A=1\n", mode: 0x1A4, uid: 1000, gid: 1000);
            tree.AddFile("bin/setuid-tool", "suid\n", mode: 0x9ED, uid: 0, gid: 0);
            tree.AddDirectory("tmp", mode: 0x3FF);
            tree.AddFile("srv/data.bin", "owned by 4242:777\n", uid: 4242, gid: 777);
        }

        if (f.HasFlag(AwkwardFeatures.DeepPaths))
        {
            var deep = string.Join('/', Enumerable.Range(1, options.DeepPathDepth).Select(i => $"level{i:00}"));
            tree.AddFile($"deep/{deep}/leaf.txt", "at the bottom\n");
        }

        if (f.HasFlag(AwkwardFeatures.LongNames))
        {
            var longName = new string('n', options.LongNameLength - 4) + ".txt";
            tree.AddFile($"long/{longName}", "long name\n");
            var longDir = new string('d', options.LongNameLength);
            tree.AddFile($"long/{longDir}/{new string('f', 120)}.data", "long path\n");
            tree.AddFile("long/Mixed Case With Spaces.Text", "spaces\n");
            tree.AddFile("long/many.dots.in.the.name.tar.gz", "dots\n");
            tree.AddFile("long/.hidden", "dot file\n");
        }

        if (f.HasFlag(AwkwardFeatures.NonAsciiNames))
        {
            tree.AddFile("unicode/héllo wörld.txt", "latin\n");
            tree.AddFile("unicode/日本語のファイル.txt", "cjk\n");
            tree.AddFile("unicode/Ελληνικά/αρχείο", "greek\n");
            tree.AddFile("unicode/emoji-😀.txt", "astral plane\n");
        }

        if (f.HasFlag(AwkwardFeatures.CaseVariants))
        {
            tree.AddFile("case/README.md", "upper\n");
            tree.AddFile("case/Readme.md", "mixed\n");
            tree.AddFile("case/readme.md", "lower\n");
            tree.AddFile("case/ABC.TXT", "ABC\n");
            tree.AddFile("case/abc.txt", "abc\n");
            tree.AddDirectory("case/Dir");
            tree.AddDirectory("case/dir");
        }

        if (f.HasFlag(AwkwardFeatures.EmptyFiles))
        {
            tree.AddFile("empty/zero.bin", BytesContent.Empty);
            tree.AddDirectory("empty/nothing-here");
        }

        if (f.HasFlag(AwkwardFeatures.LargeFiles))
        {
            tree.AddFile("large/random.bin", GeneratedContent.Random(options.LargeFileSize, 42));
        }

        if (f.HasFlag(AwkwardFeatures.SparseFiles))
        {
            tree.AddFile("sparse/mostly-zero.img", GeneratedContent.MostlyZero(options.SparseFileSize));
        }

        if (f.HasFlag(AwkwardFeatures.HardLinks))
        {
            tree.AddFile("links/original.txt", "linked content\n", mode: 0x1B4);
            tree.AddHardLink("links/hardlink.txt", "links/original.txt");
            tree.AddHardLink("bin/hardlink-elsewhere", "links/original.txt");
            tree.AddFile("links/big-original.bin", GeneratedContent.Random(100_000, 7));
            tree.AddHardLink("links/big-link.bin", "links/big-original.bin");
        }

        if (f.HasFlag(AwkwardFeatures.Symlinks))
        {
            tree.AddSymlink("symlinks/relative", "../README.txt");
            tree.AddSymlink("symlinks/absolute", "/etc/passwd");
            tree.AddSymlink("symlinks/dangling", "does/not/exist");
            tree.AddSymlink("symlinks/to-dir", "../bin");
            tree.AddSymlink("symlinks/long-target", string.Join('/', Enumerable.Repeat("component", 20)));
        }

        if (f.HasFlag(AwkwardFeatures.Devices))
        {
            tree.Add("dev/null", Stamp(FileNode.Device(FileNodeKind.CharDevice, 1, 3), options));
            tree.Add("dev/sda", Stamp(FileNode.Device(FileNodeKind.BlockDevice, 8, 0, 0x1B0), options));
            tree.Add("dev/big-minor", Stamp(FileNode.Device(FileNodeKind.CharDevice, 240, 300), options));
        }

        if (f.HasFlag(AwkwardFeatures.Fifos))
        {
            tree.Add("dev/initctl", Stamp(FileNode.Fifo(0x180), options));
        }

        if (f.HasFlag(AwkwardFeatures.Xattrs))
        {
            var node = tree.AddFile("xattr/labelled", "with attributes\n");
            node.Xattrs["user.comment"] = Encoding.UTF8.GetBytes("a comment");
            node.Xattrs["user.binary"] = [0, 1, 2, 255, 10, 61];
        }

        if (f.HasFlag(AwkwardFeatures.ManyEntries))
        {
            for (var i = 0; i < options.ManyEntriesCount; i++)
            {
                tree.AddFile($"many/entry-{i:D5}.txt", BytesContent.FromText($"{i}\n"));
            }
        }

        return tree;
    }

    private static FileNode Stamp(FileNode node, AwkwardTreeOptions options)
    {
        node.ModificationTime = options.ModificationTime;
        return node;
    }
}
