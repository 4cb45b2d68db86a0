using System.Security.Cryptography;
using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>dumpe2fs and tune2fs read back the identity, features, times and sizes we asked for.</summary>
public sealed class ExtSuperblockTests(ExtImageFixture fixture) : IClassFixture<ExtImageFixture>
{
    [Theory]
    [InlineData(ExtRevision.Ext2, "ext_attr dir_index filetype sparse_super large_file")]
    [InlineData(ExtRevision.Ext3, "has_journal ext_attr dir_index filetype sparse_super large_file")]
    [InlineData(ExtRevision.Ext4, "has_journal ext_attr dir_index filetype extent 64bit flex_bg sparse_super large_file huge_file dir_nlink extra_isize metadata_csum")]
    public void Dumpe2fs_shows_label_uuid_features_and_times(ExtRevision revision, string features)
    {
        var header = ExternalTool.Check("dumpe2fs", "-h", fixture.Image(revision)).StdOut;

        var t = DateTimeOffset.FromUnixTimeSeconds(AwkwardTree.Epoch).ToLocalTime();
        var ctime = $"{t:ddd MMM} {t.Day,2} {t:HH:mm:ss yyyy}";
        header.Should().MatchRegex(@"Filesystem volume name:\s+hb-test\n");
        header.Should().MatchRegex($@"Filesystem UUID:\s+{ExtImageFixture.Uuid}\n");
        header.Should().MatchRegex($@"Filesystem features:\s+{features}\n");
        header.Should().MatchRegex($@"Filesystem created:\s+{ctime}\n");
        header.Should().MatchRegex($@"Last write time:\s+{ctime}\n");
        header.Should().MatchRegex($@"Last checked:\s+{ctime}\n");
        header.Should().MatchRegex(@"Last mount time:\s+n/a\n");
        header.Should().MatchRegex(@"Filesystem state:\s+clean\n");
        header.Should().MatchRegex($@"Directory Hash Seed:\s+{ExtImageFixture.HashSeed}\n");
        header.Should().MatchRegex(@"Default directory hash:\s+half_md4\n");
        header.Should().MatchRegex(@"Inode size:\s+256\n");
        if (revision != ExtRevision.Ext2)
        {
            header.Should().MatchRegex(@"Journal inode:\s+8\n").And.MatchRegex(@"Journal start:\s+0\n");
        }

        if (revision == ExtRevision.Ext4)
        {
            header.Should().MatchRegex(@"Checksum type:\s+crc32c\n").And.MatchRegex(@"Flex block group size:\s+16\n");
        }
    }

    [Fact]
    public void Tune2fs_lists_the_superblock_and_a_given_size_is_kept()
    {
        // Given a fixed size of 64 MiB
        var tree = new FileTree(AwkwardTree.Epoch);
        tree.AddFile("etc/hostname", "hyperbake\n");
        var path = fixture.Directory["fixed.img"];
        var size = ExtImageFixture.Write(tree, new ExtFileSystemOptions { Size = 64 << 20, Label = "fixed", SourceDateEpoch = AwkwardTree.Epoch, Seed = "fixed" }, path);

        // Then the image has that size, and tune2fs sees 16384 blocks, a 4 MiB journal and mke2fs's inode ratio
        size.Should().Be(64 << 20);
        new FileInfo(path).Length.Should().Be(64 << 20);
        var listing = ExternalTool.Check("tune2fs", "-l", path).StdOut;
        listing.Should().MatchRegex(@"Block count:\s+16384\n");
        listing.Should().MatchRegex(@"Block size:\s+4096\n");
        listing.Should().MatchRegex(@"Inode count:\s+16384\n");
        listing.Should().MatchRegex(@"Reserved block count:\s+819\n");
        listing.Should().MatchRegex(@"Filesystem volume name:\s+fixed\n");
        ExternalTool.Check("dumpe2fs", "-h", path).StdOut.Should().MatchRegex(@"Total journal size:\s+4096k\n");
        ExtImageFixture.AssertClean(path, "fixed");
    }

    [Fact]
    public void A_computed_size_leaves_the_extra_space_asked_for()
    {
        var tree = new FileTree(AwkwardTree.Epoch);
        tree.AddFile("payload", new BytesContent(AwkwardTree.Pattern(3 << 20, 7)));
        var path = fixture.Directory["extra.img"];
        ExtImageFixture.Write(tree, new ExtFileSystemOptions { ExtraSpaceBytes = 20 << 20, ExtraSpacePercent = 0, SourceDateEpoch = AwkwardTree.Epoch }, path);

        var header = ExternalTool.Check("dumpe2fs", "-h", path).StdOut;
        var free = long.Parse(System.Text.RegularExpressions.Regex.Match(header, @"Free blocks:\s+(\d+)").Groups[1].Value) * 4096;
        free.Should().BeGreaterThanOrEqualTo(20 << 20);
        free.Should().BeLessThan(30 << 20, "the computed size does not balloon");
        ExtImageFixture.AssertClean(path, "");
    }

    [Fact]
    public void Uuid_and_hash_seed_derive_from_the_seed_text_never_randomly()
    {
        static string Header(string? seed, string file = "a") => ExternalTool.Check("dumpe2fs", "-h", Build(seed, file)).StdOut;
        static string Build(string? seed, string file)
        {
            var path = Path.Combine(Path.GetTempPath(), $"hb-ext-seed-{Guid.NewGuid():N}.img");
            var tree = new FileTree(AwkwardTree.Epoch);
            tree.AddFile(file, "x");
            ExtImageFixture.Write(tree, new ExtFileSystemOptions { Seed = seed, SourceDateEpoch = AwkwardTree.Epoch }, path);
            return path;
        }

        static string Uuid(string header) => System.Text.RegularExpressions.Regex.Match(header, @"Filesystem UUID:\s+(\S+)").Groups[1].Value;

        var a = Header("recipe-a");
        Uuid(a).Should().Be(Uuid(Header("recipe-a")));
        Uuid(a).Should().NotBe(Uuid(Header("recipe-b")));
        Uuid(a).Should().Be(Uuid(Header("recipe-a", "other-file")), "a given seed alone decides the UUID");
        Uuid(Header(null)).Should().Be(Uuid(Header(null)));
        Uuid(Header(null)).Should().NotBe(Uuid(Header(null, "other-file")), "without a seed the tree's shape decides it");
        a.Should().NotMatchRegex(@"Directory Hash Seed:\s+00000000-0000-0000-0000-000000000000");
        foreach (var f in Directory.GetFiles(Path.GetTempPath(), "hb-ext-seed-*.img"))
        {
            File.Delete(f);
        }
    }

    [Theory]
    [InlineData(ExtRevision.Ext3)]
    [InlineData(ExtRevision.Ext4)]
    public void Two_builds_give_identical_bytes(ExtRevision revision)
    {
        // Given two fresh trees and builders, When both are written, Then the images are byte-identical
        var first = fixture.Directory[$"det-a-{revision}.img"];
        var second = fixture.Directory[$"det-b-{revision}.img"];
        ExtImageFixture.Write(AwkwardTree.Create(), ExtImageFixture.Options(revision, 4096), first);
        ExtImageFixture.Write(AwkwardTree.Create(), ExtImageFixture.Options(revision, 4096), second);
        Hash(first).Should().Be(Hash(second));
        Hash(first).Should().Be(Hash(fixture.Image(revision)));

        // And one builder written twice gives the same bytes again
        var builder = new ExtFileSystemBuilder(AwkwardTree.Create(), ExtImageFixture.Options(revision, 4096));
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        builder.WriteTo(a);
        builder.WriteTo(b);
        a.ToArray().AsSpan().SequenceEqual(b.ToArray()).Should().BeTrue();
    }

    private static string Hash(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(s));
    }
}
