using System.Text;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Tests.Fixtures;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Archives;

public sealed class TarTreeReaderTests
{
    private static readonly AwkwardTreeOptions Options = new() { ManyEntriesCount = 500 };

    /// <summary>ustar cannot hold names over 255 bytes, long symlink targets or xattrs.</summary>
    private static readonly AwkwardFeatures UstarFeatures = AwkwardFeatures.All & ~(AwkwardFeatures.LongNames | AwkwardFeatures.Symlinks | AwkwardFeatures.Xattrs);

    [Theory]
    [InlineData("gnu", "", "out.tar")]
    [InlineData("pax", "", "out.tar")]
    [InlineData("pax", "-z", "out.tar.gz")]
    [InlineData("gnu", "-j", "out.tar.bz2")]
    public void Reads_archives_made_by_gnu_tar(string format, string compression, string name)
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Options);
        TreeMaterializer.Write(source, temp["src"]);
        var args = new List<string> { $"--format={format}", "--xattrs", "--xattrs-include=user.*", "-cf", temp[name], "-C", temp["src"], "." };
        if (compression.Length > 0)
        {
            args.Insert(0, compression);
        }

        ExternalTool.Run("tar", args).ExitCode.Should().Be(0);

        var xattrs = format == "pax"; // the GNU format has no xattr records
        TarTreeReader.ReadFile(temp[name]).ShouldEqual(source, new TreeCompareOptions { Xattrs = xattrs, Root = true });
    }

    [Fact]
    public void Reads_ustar_archives_made_by_gnu_tar()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Options with { Features = UstarFeatures });
        TreeMaterializer.Write(source, temp["src"]);
        ExternalTool.Check("tar", "--format=ustar", "-cf", temp["u.tar"], "-C", temp["src"], ".");

        TarTreeReader.ReadFile(temp["u.tar"]).ShouldEqual(source, new TreeCompareOptions { Xattrs = false });
    }

    [Fact]
    public void Contents_of_an_uncompressed_tar_file_are_slices_of_it()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Options with { Features = AwkwardFeatures.LargeFiles });
        TarTreeWriter.WriteFile(source, temp["l.tar"]);

        var read = TarTreeReader.ReadFile(temp["l.tar"]);

        var slice = read.Find("large/random.bin")!.Content.Should().BeOfType<FileSliceContent>().Subject;
        slice.Path.Should().Be(temp["l.tar"]);
        slice.Offset.Should().BeGreaterThan(0).And.BeLessThan(new FileInfo(temp["l.tar"]).Length - slice.Length + 1);
        read.ShouldEqual(source);
    }

    [Fact]
    public void Reads_our_own_output_from_a_stream()
    {
        var source = AwkwardTrees.Build(Options with { LargeFileSize = 200_000 });
        var bytes = new MemoryStream();
        TarTreeWriter.Write(source, bytes, new TarWriteOptions { Gzip = true });
        bytes.Position = 0;
        var read = new FileTree();

        TarTreeReader.Read(new NonSeekable(bytes), read);

        read.ShouldEqual(source);
    }

    [Theory]
    [InlineData("../escape", "contains '..'")]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData("a/../../b", "contains '..'")]
    public void Paths_that_leave_the_root_are_rejected_naming_archive_and_entry(string name, string why)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["evil.tar"], RawTar.Build(("ok.txt", '0', "fine", ""), (name, '0', "bad", "")));

        var act = () => TarTreeReader.ReadFile(temp["evil.tar"]);

        act.Should().Throw<FileTreeException>().WithMessage($"*'{name}' in evil.tar {why}*");
    }

    [Fact]
    public void Entries_routed_through_a_symlink_are_rejected()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["evil.tar"], RawTar.Build(("link", '2', "", "/etc"), ("link/passwd", '0', "owned", "")));

        var act = () => TarTreeReader.ReadFile(temp["evil.tar"]);

        act.Should().Throw<FileTreeException>().WithMessage("*'link/passwd' in evil.tar passes through symlink 'link'*");
    }

    [Fact]
    public void Hard_links_to_missing_targets_and_escaping_link_targets_are_rejected()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["a.tar"], RawTar.Build(("hard", '1', "", "missing")));
        File.WriteAllBytes(temp["b.tar"], RawTar.Build(("hard", '1', "", "../../etc/shadow")));

        FluentActions.Invoking(() => TarTreeReader.ReadFile(temp["a.tar"])).Should().Throw<FileTreeException>()
            .WithMessage("*'hard' in a.tar points to 'missing', which is not in the tree*");
        FluentActions.Invoking(() => TarTreeReader.ReadFile(temp["b.tar"])).Should().Throw<FileTreeException>()
            .WithMessage("*'../../etc/shadow' in b.tar contains '..'*");
    }

    [Fact]
    public void Malformed_headers_are_rejected()
    {
        using var temp = new TempDirectory();
        var bytes = RawTar.Build(("file", '0', "data", ""));
        bytes[10] ^= 0x55;
        File.WriteAllBytes(temp["bad.tar"], bytes);
        var truncated = RawTar.Build(("file", '0', new string('x', 2000), ""))[..1000];
        File.WriteAllBytes(temp["short.tar"], truncated);
        File.WriteAllBytes(temp["text.tar"], Encoding.ASCII.GetBytes(new string('z', 600)));

        FluentActions.Invoking(() => TarTreeReader.ReadFile(temp["bad.tar"])).Should().Throw<FileTreeException>()
            .WithMessage("bad.tar, header at byte 0: bad tar header checksum*");
        FluentActions.Invoking(() => TarTreeReader.ReadFile(temp["short.tar"])).Should().Throw<FileTreeException>()
            .WithMessage("short.tar, entry 'file': the archive ends*");
        FluentActions.Invoking(() => TarTreeReader.ReadFile(temp["text.tar"])).Should().Throw<FileTreeException>()
            .WithMessage("text.tar*");
    }

    [Fact]
    public void Compressed_formats_we_do_not_read_are_named()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["x.tar.xz"], [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, 0, 0]);

        FluentActions.Invoking(() => TarTreeReader.ReadFile(temp["x.tar.xz"])).Should().Throw<FileTreeException>()
            .WithMessage("Archive x.tar.xz is xz-compressed*");
    }

    [Fact]
    public void Oci_layers_apply_whiteouts_and_opaque_directories()
    {
        using var temp = new TempDirectory();
        var lower = new FileTree(1);
        lower.AddFile("etc/keep", "keep");
        lower.AddFile("etc/remove-me", "gone");
        lower.AddFile("opaque/old", "hidden");
        lower.AddFile("opaque/sub/older", "hidden too");
        lower.AddFile("dir-to-remove/a", "a");
        TarTreeWriter.WriteFile(lower, temp["lower.tar"]);

        File.WriteAllBytes(temp["upper.tar"], RawTar.Build(
            ("etc/.wh.remove-me", '0', "", ""),
            ("opaque/new", '0', "visible", ""),
            ("opaque/.wh..wh..opq", '0', "", ""),
            ("opaque/sub/", '5', "", ""),
            (".wh.dir-to-remove", '0', "", ""),
            ("added", '0', "new", "")));

        var tree = new FileTree();
        TarTreeReader.ReadLayer(temp["lower.tar"], tree);
        TarTreeReader.ReadLayer(temp["upper.tar"], tree);

        var paths = tree.Walk().Select(e => e.Path).Where(p => p.Length > 0).ToList();
        paths.Should().Equal("added", "etc", "etc/keep", "opaque", "opaque/new", "opaque/sub");
    }

    [Fact]
    public void Without_layer_semantics_whiteouts_are_plain_files()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["t.tar"], RawTar.Build((".wh.x", '0', "", "")));

        TarTreeReader.ReadFile(temp["t.tar"]).Find(".wh.x").Should().NotBeNull();
    }

    [Fact]
    public void Pax_records_override_header_fields()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree(-5);
        var node = tree.AddFile("big-ids", "x", uid: 3_000_000, gid: 4_000_000);
        node.ModificationTime = 99_999_999_999;
        node.Xattrs["security.capability"] = [1, 0, 0, 2];
        tree.AddFile("ünïcode-name", "y").ModificationTime = -100;
        TarTreeWriter.WriteFile(tree, temp["p.tar"]);

        var listing = ExternalTool.Check("tar", "--numeric-owner", "-tvf", temp["p.tar"]).StdOut;
        listing.Should().Contain("3000000/4000000").And.Contain("ünïcode-name");

        TarTreeReader.ReadFile(temp["p.tar"]).ShouldEqual(tree);
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
