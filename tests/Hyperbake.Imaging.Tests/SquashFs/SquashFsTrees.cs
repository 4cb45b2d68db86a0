using System.Text;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.SquashFs;

/// <summary>Deterministic trees for the squashfs tests, awkward where the format is.</summary>
internal static class SquashFsTrees
{
    public const long Epoch = 1_700_000_000;

    /// <summary>Deep paths, long and non-ASCII names, case twins, empty/large/sparse files, duplicates, hard links, symlinks, devices, fifos, sockets, odd modes and owners, xattrs, and a 5,000-entry directory.</summary>
    public static FileTree Awkward()
    {
        var tree = new FileTree(Epoch);

        var deep = string.Join('/', Enumerable.Range(0, 40).Select(i => $"level{i:D2}"));
        tree.AddFile($"deep/{deep}/bottom.txt", "at the bottom\n");

        tree.AddFile("names/" + new string('n', 255), "255 ASCII bytes\n");
        tree.AddFile("names/" + string.Concat(Enumerable.Repeat("é", 127)) + "x", "255 UTF-8 bytes\n");
        tree.AddFile("names/名前.txt", "cjk\n");
        tree.AddFile("names/Ünïcödé", "latin\n");
        tree.AddFile("names/\U0001F600.txt", "astral plane: sorts after U+FF21 in UTF-8 but before it in UTF-16\n");
        tree.AddFile("names/\uFF21.txt", "fullwidth A\n");
        tree.AddFile("names/with space & 'quotes'", "shell-hostile\n");
        tree.AddFile("case/readme", "lower\n");
        tree.AddFile("case/README", "upper\n");
        tree.AddFile("case/ReadMe", "mixed\n");

        tree.AddFile("files/empty", BytesContent.Empty);
        var large = Pattern(5 * 1024 * 1024 + 12345, seed: 1);
        tree.AddFile("files/large.bin", new BytesContent(large));
        tree.AddFile("files/large-copy.bin", new BytesContent((byte[])large.Clone()));
        tree.AddFile("files/random.bin", new BytesContent(Random(400_000, seed: 2)));
        tree.AddFile("files/two-blocks-exactly", new BytesContent(Pattern(2 * 131072, seed: 3)));
        tree.AddFile("files/zeros", new BytesContent(new byte[300_000]));
        tree.AddFile("files/sparse.img", new BytesContent(Sparse()));
        tree.AddFile("files/small-a", "same small content\n");
        tree.AddFile("files/small-b", "same small content\n");

        var linked = tree.AddFile("links/a", "hard linked three times\n", mode: 0x1B4, uid: 1000, gid: 1000);
        linked.Xattrs["user.linked"] = "yes"u8.ToArray();
        tree.AddHardLink("links/b", "links/a");
        tree.AddHardLink("links/sub/c", "links/a");
        tree.AddSymlink("links/relative", "a");
        tree.AddSymlink("links/absolute", "/etc/passwd");
        tree.AddSymlink("links/dangling", "nowhere/at/all");
        tree.AddSymlink("links/long-target", string.Join('/', Enumerable.Repeat("segment", 120)));
        tree.AddSymlink("links/to-dir", "sub");

        tree.Add("dev/null", Stamp(FileNode.Device(FileNodeKind.CharDevice, 1, 3, 0x1B6)));
        tree.Add("dev/sda", Stamp(FileNode.Device(FileNodeKind.BlockDevice, 8, 0, 0x1B0), gid: 6));
        tree.Add("dev/wide", Stamp(FileNode.Device(FileNodeKind.CharDevice, 300, 70_000, 0x180)));
        tree.Add("dev/fifo", Stamp(FileNode.Fifo(0x1A4)));
        tree.Add("dev/socket", Stamp(FileNode.Socket(0x1ED)));
        tree.AddHardLink("dev/null-again", "dev/null");
        tree.AddHardLink("links/relative-again", "links/relative");

        tree.AddFile("modes/setuid", "#!/bin/sh\n", mode: 0x9ED);
        tree.AddFile("modes/setgid", "#!/bin/sh\n", mode: 0x5C9);
        tree.AddFile("modes/none", "unreadable\n", mode: 0);
        tree.AddDirectory("modes/sticky", mode: 0x3FF);
        tree.AddFile("owners/nobody", "nobody\n", uid: 65534, gid: 65534);
        tree.AddFile("owners/wide-ids", "wide\n", uid: 123456, gid: 7);
        tree.AddFile("times/epoch-zero", "0\n").ModificationTime = 0;
        tree.AddFile("times/2038", "2038\n").ModificationTime = int.MaxValue;
        tree.AddFile("times/2096", "2096\n").ModificationTime = 4_000_000_000;

        var tagged = tree.AddFile("xattrs/tagged", "has attributes\n");
        tagged.Xattrs["user.comment"] = "hello"u8.ToArray();
        tagged.Xattrs["user.empty"] = [];
        tagged.Xattrs["security.test"] = [0, 1, 2, 255];
        tree.AddFile("xattrs/same-tags", "shares the attribute set\n").Xattrs["user.comment"] = "hello"u8.ToArray();
        tree.AddFile("xattrs/same-as-linked", "same set as links/a\n").Xattrs["user.linked"] = "yes"u8.ToArray();
        tree.AddDirectory("xattrs/dir").Xattrs["user.dir"] = "on a directory"u8.ToArray();
        tree.AddSymlink("xattrs/link", "tagged").Xattrs["trusted.link"] = "on a symlink"u8.ToArray();
        tree.Add("xattrs/fifo", Stamp(FileNode.Fifo())).Xattrs["trusted.fifo"] = "on a fifo"u8.ToArray();

        // Over 8 KiB of listing and past 256 entries: several headers and index entries.
        for (var i = 0; i < 5000; i++)
        {
            tree.AddFile($"many/entry-{i:D5}", $"entry {i % 250}\n");
        }

        tree.AddFile("many/\U0001F600", "astral\n");
        tree.AddFile("many/\uFF21", "fullwidth\n");
        tree.AddDirectory("many/zz-subdir");
        return tree;
    }

    /// <summary>A small fixed tree for the golden listing.</summary>
    public static FileTree Small()
    {
        var tree = new FileTree(Epoch);
        tree.AddFile("bin/tool", "#!/bin/sh\necho tool\n", mode: 0x1ED);
        tree.AddFile("etc/config", "key=value\n", mode: 0x1A4, uid: 0, gid: 4);
        tree.AddFile("home/user/notes.txt", "notes\n", mode: 0x180, uid: 1000, gid: 1000);
        tree.AddFile("data/blob", new BytesContent(Pattern(200_000, seed: 7)));
        tree.AddSymlink("bin/alias", "tool");
        tree.AddHardLink("bin/tool2", "bin/tool");
        tree.Add("dev/console", Stamp(FileNode.Device(FileNodeKind.CharDevice, 5, 1, 0x180)));
        tree.Add("dev/loop0", Stamp(FileNode.Device(FileNodeKind.BlockDevice, 7, 0, 0x1B0), gid: 6));
        tree.Add("run/fifo", Stamp(FileNode.Fifo(0x1B6)));
        tree.AddDirectory("tmp", mode: 0x3FF);
        tree.AddFile("empty", BytesContent.Empty);
        return tree;
    }

    /// <summary>Compressible but not trivial bytes: repeating text with a seeded twist.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        var line = Encoding.ASCII.GetBytes($"line of pattern {seed} with some words that repeat; ");
        var rng = new Random(seed);
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (i % 97) == 0 ? (byte)rng.Next(256) : line[i % line.Length];
        }

        return bytes;
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Mostly zero blocks (stored as sparse) with data in between and a zero tail.</summary>
    public static byte[] Sparse()
    {
        var bytes = new byte[(4 * 1024 * 1024) + 17];
        "island of data"u8.CopyTo(bytes.AsSpan(1024 * 1024 + 5));
        Random(100_000, seed: 4).CopyTo(bytes.AsSpan(3 * 1024 * 1024));
        return bytes;
    }

    private static FileNode Stamp(FileNode node, int uid = 0, int gid = 0)
    {
        node.Uid = uid;
        node.Gid = gid;
        node.ModificationTime = Epoch;
        return node;
    }
}
