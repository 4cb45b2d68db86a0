using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>What debugfs extracts and reports equals the tree that went in.</summary>
public sealed class ExtRoundTripTests(ExtImageFixture fixture) : IClassFixture<ExtImageFixture>
{
    [Theory]
    [InlineData(ExtRevision.Ext2)]
    [InlineData(ExtRevision.Ext3)]
    [InlineData(ExtRevision.Ext4)]
    public void Rdump_extracts_the_input_bytes_modes_symlinks_and_times(ExtRevision revision)
    {
        // Given the awkward tree written as an image
        var image = fixture.Image(revision);
        var tree = AwkwardTree.Create();
        using var output = new TempDirectory("hyperbake-rdump-");

        // When debugfs extracts everything but the 5,000-entry directory (file creation on the host is slow; its names are checked by listing)
        var tops = tree.Root.Children!.Keys.Where(k => k != "big").Select(k => $"\"/{k}\"");
        var r = ExternalTool.Run("debugfs", "-R", $"rdump {string.Join(' ', tops)} {output.Path}", image);
        r.ExitCode.Should().Be(0, r.Output);

        // Then every directory, file and symlink is there with its bytes, mode and time, and nothing else is
        var dumpable = 0;
        foreach (var entry in tree.Walk().Where(e => e.Path.Length > 0 && e.Path != "big" && !e.Path.StartsWith("big/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(output.Path, entry.Path);
            var node = entry.Node;
            switch (node.Kind)
            {
                case FileNodeKind.Directory:
                    Directory.Exists(path).Should().BeTrue(entry.Path);
                    break;
                case FileNodeKind.RegularFile:
                    using (var expected = node.Content!.OpenRead())
                    {
                        var bytes = File.ReadAllBytes(path);
                        bytes.Length.Should().Be((int)node.Size, entry.Path);
                        var want = new byte[bytes.Length];
                        expected.ReadExactly(want);
                        bytes.AsSpan().SequenceEqual(want).Should().BeTrue($"{entry.Path} has the input bytes");
                    }

                    new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeSeconds().Should().Be(node.ModificationTime, entry.Path);
                    break;
                case FileNodeKind.Symlink:
                    new FileInfo(path).LinkTarget.Should().Be(node.SymlinkTarget, entry.Path);
                    break;
                default:
                    continue;
            }

            dumpable++;
            if (node.Kind != FileNodeKind.Symlink && !OperatingSystem.IsWindows())
            {
                // rdump drops setuid, setgid and sticky (it chowns after chmod); the stat test checks those bits.
                ((int)File.GetUnixFileMode(path) & 0x1FF).Should().Be(node.Mode & 0x1FF, $"{entry.Path} keeps its permission bits");
            }
        }

        var extracted = Directory.EnumerateFileSystemEntries(output.Path, "*", SearchOption.AllDirectories)
            .Count(p => !p.StartsWith(Path.Combine(output.Path, "lost+found"), StringComparison.Ordinal));
        extracted.Should().Be(dumpable, "rdump finds exactly the input's directories, files and symlinks (plus lost+found)");
    }

    [Theory]
    [InlineData(ExtRevision.Ext2)]
    [InlineData(ExtRevision.Ext3)]
    [InlineData(ExtRevision.Ext4)]
    public void Stat_shows_each_inode_as_the_tree_describes_it(ExtRevision revision)
    {
        var image = fixture.Image(revision);
        var tree = AwkwardTree.Create();
        var entries = tree.Walk().Where(e => e.Path.Length > 0 && (!e.Path.StartsWith("big/", StringComparison.Ordinal) || e.Path.EndsWith('0'))).ToList();
        var names = tree.CountNames();

        // When debugfs stats every path
        var stats = DebugFs.Stat(image, entries.Select(e => "/" + e.Path).ToList());

        // Then type, mode, owner, size, link count and all four times match, and hard links share one inode
        var inodeOf = new Dictionary<FileNode, uint>(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries)
        {
            stats.Should().ContainKey("/" + entry.Path);
            var s = stats["/" + entry.Path];
            var node = entry.Node;
            s.Type.Should().Be(node.Kind switch
            {
                FileNodeKind.Directory => "directory",
                FileNodeKind.RegularFile => "regular",
                FileNodeKind.Symlink => "symlink",
                FileNodeKind.CharDevice => "character special",
                FileNodeKind.BlockDevice => "block special",
                FileNodeKind.Fifo => "FIFO",
                _ => "socket",
            }, entry.Path);
            s.Mode.Should().Be(node.Mode & 0xFFF, entry.Path);
            s.Uid.Should().Be(node.Uid, entry.Path);
            s.Gid.Should().Be(node.Gid, entry.Path);
            new[] { s.Atime, s.Ctime, s.Mtime, s.Crtime }.Should().AllBeEquivalentTo(node.ModificationTime, entry.Path);
            if (node.IsDirectory)
            {
                s.Links.Should().Be(2 + node.Children!.Values.Count(c => c.IsDirectory), entry.Path);
            }
            else
            {
                s.Size.Should().Be(node.Size, entry.Path);
                s.Links.Should().Be(names[node], entry.Path);
            }

            if (node.Kind is FileNodeKind.CharDevice or FileNodeKind.BlockDevice)
            {
                s.Device.Should().Be($"{node.DeviceMajor}:{node.DeviceMinor}", entry.Path);
            }

            if (inodeOf.TryGetValue(node, out var seen))
            {
                s.Inode.Should().Be(seen, $"{entry.Path} is a hard link");
            }
            else
            {
                inodeOf.Values.Should().NotContain(s.Inode, $"{entry.Path} is a distinct node");
                inodeOf[node] = s.Inode;
            }
        }

        stats["/links/sub/third"].Links.Should().Be(3);
    }

    [Theory]
    [InlineData(ExtRevision.Ext2)]
    [InlineData(ExtRevision.Ext3)]
    [InlineData(ExtRevision.Ext4)]
    public void The_5000_entry_directory_lists_every_name_with_its_inode_type_and_size(ExtRevision revision)
    {
        var image = fixture.Image(revision);
        var expected = AwkwardTree.Create().Find("big")!.Children!;

        var listing = ExternalTool.Check("debugfs", "-R", "ls -p /big", image).StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('/'))
            .Where(f => f.Length >= 7 && f[1] != "0" && f[5] is not ("." or ".."))
            .ToDictionary(f => f[5], f => (Mode: Convert.ToInt32(f[2], 8), Size: f[6]), StringComparer.Ordinal);

        listing.Keys.Order(StringComparer.Ordinal).Should().Equal(expected.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, node) in expected)
        {
            listing[name].Mode.Should().Be(node.PosixMode, name);
            if (!node.IsDirectory)
            {
                listing[name].Size.Should().Be(node.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
            }
        }

        ExternalTool.Check("debugfs", "-R", "cat /big/entry-04500", image).StdOut.Should().Be("4500\n");
    }

    [Theory]
    [InlineData(ExtRevision.Ext2)]
    [InlineData(ExtRevision.Ext4)]
    public void Zero_blocks_become_holes(ExtRevision revision)
    {
        var image = fixture.Image(revision);
        var stats = DebugFs.Stat(image, ["/data/sparse.bin", "/data/all-zero", "/data/large.bin", "/data/zero-tail"]);

        stats["/data/all-zero"].Blockcount.Should().Be(0, "an all-zero file owns no blocks");
        stats["/data/sparse.bin"].Blockcount.Should().BeLessThan(12 << 20 >> 9 >> 4, "only the data regions of a sparse file are stored");
        stats["/data/zero-tail"].Blockcount.Should().Be(16, "5000 bytes of data take two 4 KiB blocks; the zero tail is a hole");
        stats["/data/large.bin"].Blockcount.Should().BeGreaterThanOrEqualTo((6 << 20) / 512);
    }

    [Fact]
    public void A_file_with_more_than_four_extents_gets_an_index_node()
    {
        var image = fixture.Image(ExtRevision.Ext4);
        var extents = ExternalTool.Check("debugfs", "-R", "ex /data/sparse.bin", image).StdOut;

        // Level 0/1 is the index in the inode; 1/1 the leaf block holding the ten extents
        extents.Should().Contain(" 0/ 1 ").And.Contain(" 1/ 1  10/ 10 ");
    }

    [Fact]
    public void Xattrs_in_the_inode_and_in_a_block_read_back()
    {
        var image = fixture.Image(ExtRevision.Ext4);
        var output = DebugFs.Run(image, ["ea_list /xattrs/small", "ea_list /xattrs/big", "ea_list /xattrs/dir"]);

        output.Should().Contain("security.selinux (27) = \"system_u:object_r:bin_t:s0\\000\"");
        output.Should().Contain("user.comment (17) = \"fits in the inode\"");
        output.Should().Contain("user.big (900)").And.Contain("trusted.other (5) = \"value\"");
        output.Should().Contain("user.on-a-directory (3)");
        DebugFs.Stat(image, ["/xattrs/big"])["/xattrs/big"].Raw.Should().NotContain("File ACL: 0\n", "the large set lives in an xattr block");
    }
}
