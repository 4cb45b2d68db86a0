using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>
/// A generated tree with the cases ISO writers get wrong: deep paths, long and non-ASCII names,
/// names differing only in case or only after the 30th character, characters Joliet forbids,
/// empty and large files, hard links, symlinks (long ones that need continuation areas),
/// devices, a fifo, odd modes and owners, and a directory with 5,000 entries.
/// </summary>
internal static class AwkwardTree
{
    public const long Epoch = 1_700_000_000;

    public const int BigDirectoryEntries = 5000;

    public const int DeepLevels = 12;

    public static string LongSymlinkTarget { get; } =
        "/" + string.Join('/', Enumerable.Range(0, 12).Select(i => i == 5 ? new string('c', 255) : $"component-{i}")) + "/../end";

    public static FileTree Create(long largeFileBytes = (24L << 20) + 123)
    {
        var tree = new FileTree(Epoch);
        var time = Epoch;
        FileNode Stamp(FileNode node)
        {
            node.ModificationTime = time -= 3_607;
            return node;
        }

        FileNode AddFile(string path, byte[] bytes, int mode = 0x1A4) => Stamp(tree.AddFile(path, new BytesContent(bytes), mode));

        // Case variants and names whose ISO forms clash.
        AddFile("README", Text("upper"));
        AddFile("readme", Text("lower"));
        AddFile("ReadMe.txt", Text("mixed"));
        AddFile("readme.TXT", Text("mixed2"));
        Stamp(tree.AddDirectory("foo"));
        AddFile("foo.", Text("file named foo."));
        Stamp(tree.AddDirectory("Dir.With.Dots"));
        Stamp(tree.AddDirectory("dir.with.dots"));
        AddFile("dir.with.dots/inside", Text("inside"));

        // Long and non-ASCII names, Joliet-forbidden characters.
        AddFile(new string('L', 200) + ".conf", Text("long"));
        AddFile(string.Concat(Enumerable.Repeat("ü", 127)) + "x", Text("255 bytes of UTF-8"));
        AddFile("Grüße.txt", Text("grüße"));
        AddFile("日本語のファイル名.txt", Text("japanese"));
        AddFile("emoji-😀.bin", Text("emoji"));
        AddFile("x-a:b*c?d;e\\f.txt", Text("joliet forbidden"));
        AddFile("with space .txt", Text("space"));
        AddFile(".hidden", Text("dot"));
        AddFile("archive.tar.gz", Text("two dots"));

        // Times before 1970 and past 2155 (the latter needs Rock Ridge's long TF form).
        AddFile("times/pre-epoch", Text("1960")).ModificationTime = -315_619_200;
        AddFile("times/far-future", Text("2200")).ModificationTime = 7_258_118_400;

        // Deep path.
        var deep = string.Join('/', Enumerable.Range(1, DeepLevels).Select(i => $"level{i}"));
        AddFile(deep + "/leaf.txt", Text("deep leaf"));
        AddFile(deep + "/empty-deep", []);

        // Empty and large files.
        AddFile("empty", []);
        AddFile("large.bin", Random(1, largeFileBytes));

        // Hard links (one to an empty file too), symlinks.
        AddFile("links/original", Text("shared bytes"));
        tree.AddHardLink("links/hardlink1", "links/original");
        tree.AddHardLink("other/hardlink2", "links/original");
        AddFile("links/empty-original", []);
        tree.AddHardLink("links/empty-link", "links/empty-original");
        Stamp(tree.AddSymlink("links/relative", "../README"));
        Stamp(tree.AddSymlink("links/absolute", "/etc/passwd"));
        Stamp(tree.AddSymlink("links/dots", "./a/../b"));
        Stamp(tree.AddSymlink("links/dangling", "nowhere"));
        Stamp(tree.AddSymlink("links/long", LongSymlinkTarget));

        // Devices, a fifo, modes and owners.
        Stamp(tree.Add("dev/null", FileNode.Device(FileNodeKind.CharDevice, 1, 3, 0x1B6)));
        Stamp(tree.Add("dev/sda", FileNode.Device(FileNodeKind.BlockDevice, 8, 0, 0x1B0)));
        Stamp(tree.Add("dev/big-minor", FileNode.Device(FileNodeKind.CharDevice, 240, 70000, 0x180)));
        Stamp(tree.Add("dev/fifo", FileNode.Fifo(0x1A4)));
        AddFile("bin/suid", Text("#!/bin/sh\n"), 0x9ED);
        var secret = AddFile("secret", Text("secret"), 0x180);
        secret.Uid = 1000;
        secret.Gid = 1001;
        Stamp(tree.AddDirectory("sticky", 0x3FF));
        Stamp(tree.AddDirectory("private", 0x1C0, uid: 33, gid: 33));

        // A big directory: plain names, plus long names that only differ after the 30th character.
        for (var i = 0; i < BigDirectoryEntries; i++)
        {
            var name = i % 5 == 0
                ? $"a-very-long-common-prefix-exceeding-thirty-characters-{i:D5}.txt"
                : $"entry{i:D5}";
            tree.AddFile("big/" + name, new BytesContent(Text(name))).ModificationTime = Epoch - i;
        }

        return tree;
    }

    public static byte[] Text(string s) => System.Text.Encoding.UTF8.GetBytes(s);

    public static byte[] Random(int seed, long length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
