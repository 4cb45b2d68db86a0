using System.Security.Cryptography;
using System.Text;
using Hyperbake.Imaging.Archives.Cpio;
using Hyperbake.Imaging.Tests.Fixtures;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.Trees.Readers;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Archives;

public sealed class CpioTreeTests
{
    /// <summary>newc has no xattrs and holds mtimes as unsigned 32-bit values.</summary>
    private static readonly AwkwardTreeOptions Options = new() { Features = AwkwardFeatures.All & ~AwkwardFeatures.Xattrs, ManyEntriesCount = 5000 };

    /// <summary>GNU cpio -m sets file times but not those of symlinks, and directories get theirs before they are filled.</summary>
    private static readonly TreeCompareOptions ExtractedByCpio = new() { Xattrs = false, DirectoryModificationTimes = false, SymlinkModificationTimes = false };

    [Fact]
    public void Gnu_cpio_lists_and_extracts_what_went_in()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Options);
        CpioTreeWriter.WriteFile(source, temp["initramfs.cpio"]);

        var listing = ExternalTool.Run("sh", "-c", $"cpio -t < '{temp["initramfs.cpio"]}'");
        listing.ExitCode.Should().Be(0, listing.StdErr);
        listing.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should()
            .BeEquivalentTo(source.Walk().Select(e => e.Path.Length == 0 ? "." : e.Path));

        Directory.CreateDirectory(temp["x"]);
        var extract = ExternalTool.Run("sh", "-c", $"cd '{temp["x"]}' && cpio -idm --no-absolute-filenames < '{temp["initramfs.cpio"]}'");
        extract.ExitCode.Should().Be(0, extract.StdErr);

        DirectoryTreeReader.Read(temp["x"]).ShouldEqual(source, ExtractedByCpio);
    }

    [Fact]
    public void Gzip_initramfs_is_deterministic_and_extractable()
    {
        using var temp = new TempDirectory();
        var small = Options with { ManyEntriesCount = 20, LargeFileSize = 70_000 };
        CpioTreeWriter.WriteFile(AwkwardTrees.Build(small), temp["a.cpio.gz"], new CpioWriteOptions { Gzip = true });
        CpioTreeWriter.WriteFile(AwkwardTrees.Build(small), temp["b.cpio.gz"], new CpioWriteOptions { Gzip = true });

        SHA256.HashData(File.ReadAllBytes(temp["a.cpio.gz"])).Should().Equal(SHA256.HashData(File.ReadAllBytes(temp["b.cpio.gz"])));
        Directory.CreateDirectory(temp["x"]);
        var extract = ExternalTool.Run("sh", "-c", $"cd '{temp["x"]}' && gzip -dc '{temp["a.cpio.gz"]}' | cpio -idm --no-absolute-filenames");
        extract.ExitCode.Should().Be(0, extract.StdErr);
        DirectoryTreeReader.Read(temp["x"]).ShouldEqual(AwkwardTrees.Build(small), ExtractedByCpio);
        CpioTreeReader.ReadFile(temp["a.cpio.gz"]).ShouldEqual(AwkwardTrees.Build(small), new TreeCompareOptions { Xattrs = false, Root = true });
    }

    [Fact]
    public void Hard_links_follow_the_newc_rules()
    {
        var tree = new FileTree(1_700_000_000);
        tree.AddFile("a", "shared data");
        tree.AddHardLink("b", "a");
        tree.AddHardLink("c", "a");
        var bytes = new MemoryStream();
        CpioTreeWriter.Write(tree, bytes, new CpioWriteOptions { IncludeRoot = false });

        var headers = ParseHeaders(bytes.ToArray());

        headers.Select(h => h.Name).Should().Equal("a", "b", "c", "TRAILER!!!");
        headers.Take(3).Select(h => h.Header.Inode).Distinct().Should().ContainSingle("all names share one inode");
        headers.Take(3).Select(h => h.Header.LinkCount).Should().OnlyContain(n => n == 3);
        headers.Take(3).Select(h => h.Header.FileSize).Should().Equal(0u, 0u, 11u);
        headers[^1].Header.LinkCount.Should().Be(1);
        (bytes.Length % 4).Should().Be(0);
    }

    [Fact]
    public void Inode_numbers_are_assigned_in_walk_order()
    {
        var tree = AwkwardTrees.Build(Options with { ManyEntriesCount = 3 });
        var bytes = new MemoryStream();
        CpioTreeWriter.Write(tree, bytes);

        var headers = ParseHeaders(bytes.ToArray());

        headers[0].Name.Should().Be(".");
        headers[0].Header.Inode.Should().Be(1);
        var firstSeen = new List<uint>();
        foreach (var (_, header) in headers.SkipLast(1))
        {
            if (!firstSeen.Contains(header.Inode))
            {
                firstSeen.Add(header.Inode);
            }
        }

        firstSeen.Should().BeInAscendingOrder().And.StartWith(1u);
        firstSeen.Should().Equal(Enumerable.Range(1, firstSeen.Count).Select(i => (uint)i));
    }

    [Theory]
    [InlineData("newc")]
    [InlineData("crc")]
    public void Reads_archives_made_by_gnu_cpio(string format)
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Options with { ManyEntriesCount = 300 });
        TreeMaterializer.Write(source, temp["src"]);
        var made = ExternalTool.Run("sh", "-c", $"cd '{temp["src"]}' && find . | LC_ALL=C sort | cpio -o -H {format} > '{temp["out.cpio"]}'");
        made.ExitCode.Should().Be(0, made.StdErr);

        CpioTreeReader.ReadFile(temp["out.cpio"]).ShouldEqual(source, new TreeCompareOptions { Xattrs = false });
    }

    [Fact]
    public void Paths_that_leave_the_root_are_rejected_naming_archive_and_entry()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree();
        tree.AddFile("x", "x");
        var bytes = new MemoryStream();
        CpioTreeWriter.Write(tree, bytes, new CpioWriteOptions { IncludeRoot = false });
        var text = bytes.ToArray();

        // Rename "x" to "/" + ... by patching the name: "x\0" becomes a one-character absolute path.
        var nameOffset = 110;
        text[nameOffset] = (byte)'/';
        File.WriteAllBytes(temp["abs.cpio"], text);

        FluentActions.Invoking(() => CpioTreeReader.ReadFile(temp["abs.cpio"])).Should().Throw<FileTreeException>()
            .WithMessage("*'/' in abs.cpio is an absolute path*");
    }

    [Fact]
    public void Truncated_and_foreign_archives_are_rejected()
    {
        using var temp = new TempDirectory();
        var bytes = new MemoryStream();
        CpioTreeWriter.Write(AwkwardTrees.Build(Options with { Features = AwkwardFeatures.None }), bytes);
        File.WriteAllBytes(temp["cut.cpio"], bytes.ToArray()[..200]);
        File.WriteAllBytes(temp["odc.cpio"], Encoding.ASCII.GetBytes("070707" + new string('0', 200)));

        FluentActions.Invoking(() => CpioTreeReader.ReadFile(temp["cut.cpio"])).Should().Throw<FileTreeException>().WithMessage("cut.cpio*");
        FluentActions.Invoking(() => CpioTreeReader.ReadFile(temp["odc.cpio"])).Should().Throw<FileTreeException>()
            .WithMessage("*odc*use -H newc*");
    }

    private static List<(string Name, CpioHeader Header)> ParseHeaders(byte[] bytes)
    {
        var result = new List<(string, CpioHeader)>();
        var pos = 0;
        while (pos < bytes.Length)
        {
            var header = CpioHeader.Parse(bytes.AsSpan(pos, CpioHeader.Length), "test");
            var name = Encoding.UTF8.GetString(bytes, pos + CpioHeader.Length, (int)header.NameSize - 1);
            result.Add((name, header));
            pos += CpioHeader.Length + (int)header.NameSize;
            pos += CpioHeader.Padding(pos);
            pos += (int)header.FileSize;
            pos += CpioHeader.Padding(pos);
            if (name == CpioHeader.Trailer)
            {
                break;
            }
        }

        return result;
    }
}
