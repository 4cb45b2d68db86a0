using System.Text;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>
/// A deterministic tree with the cases ext writers get wrong: deep paths, 255-byte and non-ASCII
/// names, names differing only in case, empty, large and sparse files, hard links, short and long
/// symlinks, devices, fifos, sockets, xattrs, odd modes and owners, and a 5,000-entry directory.
/// </summary>
internal static class AwkwardTree
{
    public const long Epoch = 1_700_000_000;
    public const int BigDirectoryEntries = 5000;

    public static FileTree Create(bool withXattrs = true)
    {
        var tree = new FileTree(Epoch);
        tree.Root.Mode = 0x1ED;

        // Deep path.
        var deep = string.Join('/', Enumerable.Range(0, 40).Select(i => $"level{i:D2}"));
        tree.AddFile(deep + "/bottom.txt", "deep\n");

        // Long and non-ASCII names.
        tree.AddFile("names/" + new string('L', 255), "long ascii name\n");
        tree.AddFile("names/" + string.Concat(Enumerable.Repeat("日", 85)), "255 bytes of CJK\n");
        tree.AddFile("names/ünïcödé-naïve-😀.txt", "non-ascii\n");
        tree.AddFile("names/Readme", "1\n");
        tree.AddFile("names/README", "22\n");
        tree.AddFile("names/readme", "333\n");
        tree.AddFile("names/with space and 'quote'", "q\n");

        // Empty, small, large, sparse.
        tree.AddFile("data/empty", BytesContent.Empty);
        tree.AddFile("data/one-byte", new BytesContent([0x42]));
        tree.AddFile("data/exact-block", new BytesContent(Pattern(4096, 1)));
        tree.AddFile("data/large.bin", new BytesContent(Pattern((6 << 20) + 123, 2)));
        tree.AddFile("data/sparse.bin", new BytesContent(Sparse(12 << 20, regions: 9)));
        tree.AddFile("data/all-zero", new BytesContent(new byte[300_000]));
        tree.AddFile("data/zero-tail", new BytesContent([.. Pattern(5000, 3), .. new byte[70_000]]));

        // Hard links, across directories.
        var shared = tree.AddFile("links/original", "shared bytes\n", mode: 0x1A4, uid: 1000, gid: 1000);
        tree.Add("links/second", shared);
        tree.Add("links/sub/third", shared);

        // Symlinks: fast (< 60 bytes), exactly 59 and 60, block-stored.
        tree.AddSymlink("links/short", "original");
        tree.AddSymlink("links/fifty-nine", new string('s', 59));
        tree.AddSymlink("links/sixty", new string('t', 60));
        tree.AddSymlink("links/long", "/" + string.Join('/', Enumerable.Range(0, 60).Select(i => $"component{i}")));
        tree.AddSymlink("links/dangling", "../does/not/exist");

        // Devices, fifo, socket.
        Stamp(tree.Add("dev/null", FileNode.Device(FileNodeKind.CharDevice, 1, 3, 0x1B6)));
        Stamp(tree.Add("dev/sda", FileNode.Device(FileNodeKind.BlockDevice, 8, 0, 0x1B0)));
        Stamp(tree.Add("dev/big", FileNode.Device(FileNodeKind.CharDevice, 511, 70000, 0x180)));
        Stamp(tree.Add("dev/fifo", FileNode.Fifo(0x1A4)));
        Stamp(tree.Add("dev/socket", FileNode.Socket(0x1ED)));

        // Modes, owners and times.
        var setuid = tree.AddFile("modes/setuid", "#!/bin/sh\n", mode: 0x9ED & 0xFFF | 0x800);
        setuid.ModificationTime = 1_234_567_890;
        tree.AddDirectory("modes/sticky", mode: 0x3FF | 0x200);
        tree.AddFile("modes/owned", "x\n", mode: 0x180, uid: 100_000, gid: 70_000);
        tree.AddFile("modes/old", "1970\n").ModificationTime = 0;
        tree.AddFile("modes/future", "2100\n").ModificationTime = 4_102_444_800;

        if (withXattrs)
        {
            var small = tree.AddFile("xattrs/small", "x\n");
            small.Xattrs["user.comment"] = Encoding.UTF8.GetBytes("fits in the inode");
            small.Xattrs["security.selinux"] = Encoding.UTF8.GetBytes("system_u:object_r:bin_t:s0\0");
            var big = tree.AddFile("xattrs/big", "y\n");
            big.Xattrs["user.big"] = Pattern(900, 4);
            big.Xattrs["trusted.other"] = Encoding.UTF8.GetBytes("value");
            var dir = tree.AddDirectory("xattrs/dir");
            dir.Xattrs["user.on-a-directory"] = [1, 2, 3];
        }

        // A directory large enough for a multi-level htree.
        for (var i = 0; i < BigDirectoryEntries; i++)
        {
            var name = i % 7 == 0 ? $"entry-{i:D5}-{new string('x', 40 + (i % 50))}" : $"entry-{i:D5}";
            tree.AddFile("big/" + name, i % 100 == 0 ? $"{i}\n" : "");
        }

        tree.AddDirectory("big/a-subdirectory");
        return tree;
    }

    /// <summary>Deterministic non-zero-ish bytes.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        uint x = (uint)(seed * 2654435761) | 1;
        for (var i = 0; i < length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bytes[i] = (byte)(x | 1);
        }

        return bytes;
    }

    /// <summary>A file of zeros with <paramref name="regions"/> short data regions spread through it (so it needs many extents).</summary>
    public static byte[] Sparse(int length, int regions)
    {
        var bytes = new byte[length];
        for (var r = 0; r < regions; r++)
        {
            var at = (int)((long)length * r / regions);
            Pattern(10_000, 10 + r).CopyTo(bytes, at);
        }

        Pattern(100, 99).CopyTo(bytes, length - 100);
        return bytes;
    }

    private static void Stamp(FileNode node) => node.ModificationTime = Epoch;
}
