using System.Security.Cryptography;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Tests.Fixtures;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.Trees.Readers;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Archives;

public sealed class TarTreeWriterTests
{
    private static readonly AwkwardTreeOptions Options = new() { ManyEntriesCount = 5000 };

    [Fact]
    public void Gnu_tar_extracts_what_went_in()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Options);
        TarTreeWriter.WriteFile(source, temp["out.tar"]);

        Directory.CreateDirectory(temp["x"]);
        ExternalTool.Check("tar", "--xattrs", "--xattrs-include=*", "--same-owner", "-xpf", temp["out.tar"], "-C", temp["x"]);

        DirectoryTreeReader.Read(temp["x"]).ShouldEqual(source);
    }

    [Fact]
    public void Listing_shows_numeric_owners_links_and_devices()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Options with { Features = AwkwardFeatures.All & ~AwkwardFeatures.ManyEntries });
        TarTreeWriter.WriteFile(source, temp["out.tar"]);

        var listing = ExternalTool.Check("tar", "--numeric-owner", "-tvf", temp["out.tar"]).StdOut;

        listing.Should().Contain("1000/1000").And.Contain("4242/777");
        // Walk order puts bin/ before links/, so the first name of the shared node is bin/hardlink-elsewhere.
        listing.Should().MatchRegex(@"-rw-rw-r-- 0/0 +15 .* bin/hardlink-elsewhere\n");
        listing.Should().MatchRegex(@"hrw-rw-r-- 0/0 +0 .* links/hardlink\.txt link to bin/hardlink-elsewhere");
        listing.Should().MatchRegex(@"lrwxrwxrwx 0/0 +0 .* symlinks/relative -> \.\./README\.txt");
        listing.Should().MatchRegex(@"crw-rw-rw- 0/0 +240,300 .* dev/big-minor");
        listing.Should().MatchRegex(@"brw-rw---- 0/0 +8,0 .* dev/sda");
        listing.Should().MatchRegex(@"prw------- 0/0 .* dev/initctl");
        listing.Should().MatchRegex(@"-rwsr-xr-x 0/0 .* bin/setuid-tool");
        listing.Should().NotContain("root/root", "no user or group names unless given");
    }

    [Fact]
    public void Gzip_output_is_deterministic_and_gnu_tar_reads_it()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Options with { ManyEntriesCount = 50 });
        TarTreeWriter.WriteFile(source, temp["a.tar.gz"], new TarWriteOptions { Gzip = true });
        TarTreeWriter.WriteFile(AwkwardTrees.Build(Options with { ManyEntriesCount = 50 }), temp["b.tar.gz"], new TarWriteOptions { Gzip = true });

        var bytes = File.ReadAllBytes(temp["a.tar.gz"]);
        bytes.AsSpan(0, 10).ToArray().Should().Equal([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], "mtime 0, no name, fixed OS");
        SHA256.HashData(bytes).Should().Equal(SHA256.HashData(File.ReadAllBytes(temp["b.tar.gz"])));

        Directory.CreateDirectory(temp["x"]);
        ExternalTool.Check("tar", "-xzpf", temp["a.tar.gz"], "-C", temp["x"]);
        DirectoryTreeReader.Read(temp["x"]).ShouldEqual(source, new TreeCompareOptions { Xattrs = false });
        ExternalTool.Check("gzip", "-t", temp["a.tar.gz"]);
    }

    [Fact]
    public void Two_runs_give_identical_bytes()
    {
        var first = new MemoryStream();
        var second = new MemoryStream();
        TarTreeWriter.Write(AwkwardTrees.Build(Options with { ManyEntriesCount = 100, LargeFileSize = 100_000, SparseFileSize = 1 << 20 }), first);
        TarTreeWriter.Write(AwkwardTrees.Build(Options with { ManyEntriesCount = 100, LargeFileSize = 100_000, SparseFileSize = 1 << 20 }), second);

        first.ToArray().Should().Equal(second.ToArray());
    }

    [Fact]
    public void Root_entry_and_owner_names_are_written_when_asked()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree(1_600_000_000);
        tree.Root.Mode = 0x1C0;
        tree.AddFile("f", "x", uid: 1000, gid: 100);
        TarTreeWriter.WriteFile(tree, temp["r.tar"], new TarWriteOptions
        {
            IncludeRoot = true,
            UserNames = new Dictionary<int, string> { [1000] = "builder" },
            GroupNames = new Dictionary<int, string> { [100] = "users" },
        });

        var listing = ExternalTool.Check("tar", "-tvf", temp["r.tar"]).StdOut;
        listing.Should().MatchRegex(@"drwx------ 0/0 .* \./\n").And.MatchRegex("-rw-r--r-- builder/users .* f\n");
        TarTreeReader.ReadFile(temp["r.tar"]).Root.Mode.Should().Be(0x1C0);
    }

    [Fact]
    public void A_file_whose_source_changed_size_is_reported()
    {
        var tree = new FileTree();
        tree.AddFile("shrunk", new DelegateContent(10, () => new MemoryStream(new byte[5])));

        var act = () => TarTreeWriter.Write(tree, new MemoryStream());

        act.Should().Throw<FileTreeException>().WithMessage("*'shrunk' is shorter than its declared 10 bytes*");
    }
}
