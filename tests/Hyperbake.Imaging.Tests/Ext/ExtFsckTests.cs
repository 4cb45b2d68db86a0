using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>e2fsck -fn finds nothing to say about any revision, block size or directory shape.</summary>
public sealed class ExtFsckTests(ExtImageFixture fixture) : IClassFixture<ExtImageFixture>
{
    [Theory]
    [InlineData(ExtRevision.Ext2, 4096)]
    [InlineData(ExtRevision.Ext3, 4096)]
    [InlineData(ExtRevision.Ext4, 4096)]
    [InlineData(ExtRevision.Ext4, 1024)]
    [InlineData(ExtRevision.Ext3, 1024)]
    public void Awkward_tree_passes_e2fsck_with_no_messages(ExtRevision revision, int blockSize)
    {
        // Given the awkward tree, When it is written, Then e2fsck has nothing to report
        ExtImageFixture.AssertClean(fixture.Image(revision, blockSize));
    }

    [Fact]
    public void A_5000_entry_directory_of_long_names_becomes_a_two_level_htree()
    {
        // Given 5,000 names of 100+ bytes in 1 KiB blocks (more leaves than a dx root can point to)
        var tree = new FileTree(AwkwardTree.Epoch);
        for (var i = 0; i < 5000; i++)
        {
            tree.AddFile($"flat/{i:D5}-{new string((char)('a' + (i % 26)), 100)}", i % 500 == 0 ? $"{i}" : "");
        }

        var path = fixture.Directory["two-level.img"];
        ExtImageFixture.Write(tree, ExtImageFixture.Options(ExtRevision.Ext4, 1024), path);

        // Then e2fsck is clean and debugfs sees one level of dx nodes under the root
        ExtImageFixture.AssertClean(path);
        var htree = ExternalTool.Check("debugfs", "-R", "htree /flat", path).StdOut;
        htree.Should().Contain("Indirect levels: 1");
        var ls = ExternalTool.Check("debugfs", "-R", "ls -p /flat", path).StdOut;
        ls.Split('\n').Count(l => l.StartsWith('/') && !l.StartsWith("/0/", StringComparison.Ordinal)).Should().Be(5002, "every name plus . and .. is listed");
    }

    [Theory]
    [InlineData(ExtDirectoryHash.Tea)]
    [InlineData(ExtDirectoryHash.Legacy)]
    public void Other_directory_hashes_pass_e2fsck(ExtDirectoryHash hash)
    {
        var tree = new FileTree(AwkwardTree.Epoch);
        for (var i = 0; i < 3000; i++)
        {
            tree.AddFile($"d/ñame-{i}-{new string('z', i % 60)}", "");
        }

        var path = fixture.Directory[$"hash-{hash}.img"];
        ExtImageFixture.Write(tree, ExtImageFixture.Options(ExtRevision.Ext4, 4096, hash), path);

        ExtImageFixture.AssertClean(path);
        ExternalTool.Check("dumpe2fs", "-h", path).StdOut.Should().MatchRegex($@"Default directory hash:\s+{hash.ToString().ToLowerInvariant()}");
    }

    [Fact]
    public void Ext4_without_64bit_uses_32_byte_descriptors_and_passes_e2fsck()
    {
        var path = fixture.Directory["no64.img"];
        var o = ExtImageFixture.Options(ExtRevision.Ext4, 4096);
        ExtImageFixture.Write(AwkwardTree.Create(), new ExtFileSystemOptions
        {
            Label = o.Label,
            Uuid = o.Uuid,
            HashSeed = o.HashSeed,
            SourceDateEpoch = o.SourceDateEpoch,
            SixtyFourBit = false,
        }, path);

        ExtImageFixture.AssertClean(path);
        var header = ExternalTool.Check("dumpe2fs", "-h", path).StdOut;
        header.Should().MatchRegex(@"Filesystem features:\s+has_journal ext_attr dir_index filetype extent flex_bg sparse_super large_file huge_file dir_nlink extra_isize metadata_csum\n");
    }

    [Fact]
    public void A_directory_just_over_one_block_becomes_a_one_leaf_htree()
    {
        // 202 names of 20-byte records plus one of 24: the names fit one leaf, but not beside "." and ".."
        var tree = new FileTree(AwkwardTree.Epoch);
        for (var i = 0; i < 202; i++)
        {
            tree.AddFile($"d/name-{i:D6}", "");
        }

        tree.AddFile("d/a-longer-name-00", "");
        var path = fixture.Directory["one-leaf.img"];
        ExtImageFixture.Write(tree, ExtImageFixture.Options(ExtRevision.Ext4, 4096), path);

        ExtImageFixture.AssertClean(path);
        ExternalTool.Check("debugfs", "-R", "htree /d", path).StdOut.Should().Contain("Number of entries (count): 1");
    }

    [Fact]
    public void An_empty_tree_gives_root_and_lost_and_found()
    {
        var path = fixture.Directory["empty.img"];
        ExtImageFixture.Write(new FileTree(AwkwardTree.Epoch), ExtImageFixture.Options(ExtRevision.Ext4, 4096), path);

        ExtImageFixture.AssertClean(path);
        var ls = ExternalTool.Check("debugfs", "-R", "ls -p /", path).StdOut;
        ls.Should().Contain("/11/040700/0/0/lost+found/");
    }
}
