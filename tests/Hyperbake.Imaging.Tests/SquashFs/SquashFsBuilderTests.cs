using System.Runtime.CompilerServices;
using Hyperbake.Imaging.SquashFs;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.SquashFs;

public sealed class SquashFsBuilderTests
{
    [Fact]
    public void Listing_of_a_fixed_tree_matches_the_golden_file()
    {
        // Given
        using var temp = new TempDirectory("hyperbake-squashfs-");
        var image = temp["small.sqfs"];
        Build(SquashFsTrees.Small(), image);

        // When
        var result = ExternalTool.Run("unsquashfs", "-lln", "-UTC", "-d", "", image);

        // Then
        result.ExitCode.Should().Be(0, result.Output);
        result.StdOut.Should().Be(File.ReadAllText(Golden("small.lln.txt")));
    }

    [Fact]
    public void Identical_files_are_stored_once()
    {
        // Given: ten names for one 1 MiB content, plus small duplicates (stored uncompressed, so sizes count copies exactly).
        var content = SquashFsTrees.Random(1 << 20, seed: 11);
        var tree = new FileTree(SquashFsTrees.Epoch);
        for (var i = 0; i < 10; i++)
        {
            tree.AddFile($"copy{i}", new BytesContent((byte[])content.Clone()));
            tree.AddFile($"small{i}", "a small duplicate\n");
        }

        using var temp = new TempDirectory("hyperbake-squashfs-");

        // When
        var deduplicated = Build(tree, temp["dedup.sqfs"], new SquashFsOptions { Compression = SquashFsCompression.None });
        var copies = Build(tree, temp["copies.sqfs"], new SquashFsOptions { Compression = SquashFsCompression.None, DuplicateDetection = false });

        // Then
        deduplicated.DuplicateFiles.Should().Be(18);
        deduplicated.Size.Should().BeLessThan((1 << 20) + (64 << 10));
        copies.Size.Should().BeGreaterThan(10L << 20);
        ExtractAndCompare(tree, temp["dedup.sqfs"], temp["out-dedup"]);
        ExtractAndCompare(tree, temp["copies.sqfs"], temp["out-copies"]);
        ExternalTool.Run("unsquashfs", "-s", temp["copies.sqfs"]).StdOut.Should().Contain("Duplicates are not removed");
    }

    [Fact]
    public void Identical_large_files_are_stored_once_however_their_streams_split_the_reads()
    {
        // Given: two names for one 5 MiB content (past the size read whole), one read in odd small pieces
        var content = SquashFsTrees.Random(5 << 20, seed: 12);
        var tree = new FileTree(SquashFsTrees.Epoch);
        tree.AddFile("whole", new BytesContent(content));
        tree.AddFile("pieces", new DelegateContent(content.Length, () => new TrickleStream(new MemoryStream(content, writable: false), 1001)));
        using var temp = new TempDirectory("hyperbake-squashfs-");

        // When
        var info = Build(tree, temp["img.sqfs"]);

        // Then
        info.DuplicateFiles.Should().Be(1);
        ExtractAndCompare(tree, temp["img.sqfs"], temp["out"]);
    }

    [Fact]
    public void Files_whose_hashes_match_are_still_compared_byte_by_byte()
    {
        // Given: same length, different bytes (so the same-length bucket is searched and must reject)
        var tree = new FileTree(SquashFsTrees.Epoch);
        tree.AddFile("a", "0123456789");
        tree.AddFile("b", "9876543210");
        using var temp = new TempDirectory("hyperbake-squashfs-");

        // When
        var info = Build(tree, temp["img.sqfs"]);

        // Then
        info.DuplicateFiles.Should().Be(0);
        ExtractAndCompare(tree, temp["img.sqfs"], temp["out"]);
    }

    [Theory]
    [InlineData("no-fragments")]
    [InlineData("no-tail-packing")]
    [InlineData("none")]
    [InlineData("block-size=4K")]
    [InlineData("block-size=1M")]
    [InlineData("no-exports")]
    public void Every_option_round_trips_through_unsquashfs(string option)
    {
        // Given: small files, tails, a file of exactly one block, and sparse data.
        var tree = MixedTree();
        var options = SquashFsOptions.Parse([option, "source-date-epoch=1700000000"]);
        using var temp = new TempDirectory("hyperbake-squashfs-");

        // When
        var info = Build(tree, temp["img.sqfs"], options);

        // Then
        ExtractAndCompare(tree, temp["img.sqfs"], temp["out"]);
        var superblock = ExternalTool.Run("unsquashfs", "-s", temp["img.sqfs"]).StdOut;
        switch (option)
        {
            case "no-fragments":
                superblock.Should().Contain("Fragments are not stored").And.Contain("Number of fragments 0");
                info.FragmentCount.Should().Be(0);
                break;
            case "no-tail-packing":
                superblock.Should().Contain("Always-use-fragments option is not specified");
                info.FragmentCount.Should().BeGreaterThan(0);
                break;
            case "none":
                superblock.Should().Contain("Data is uncompressed").And.Contain("Inodes are uncompressed")
                    .And.Contain("Fragments are uncompressed").And.Contain("Uids/Gids (Id table) are uncompressed");
                info.BytesUsed.Should().BeGreaterThan(MixedTreeStoredBytes);
                break;
            case "block-size=4K":
                superblock.Should().Contain("Block size 4096");
                break;
            case "block-size=1M":
                superblock.Should().Contain("Block size 1048576");
                break;
            case "no-exports":
                superblock.Should().Contain("Filesystem is not exportable via NFS");
                break;
        }
    }

    [Fact]
    public void Incompressible_blocks_are_stored_uncompressed()
    {
        // Given
        var tree = new FileTree(SquashFsTrees.Epoch);
        tree.AddFile("random", new BytesContent(SquashFsTrees.Random(1_000_000, seed: 5)));
        using var temp = new TempDirectory("hyperbake-squashfs-");

        // When
        var info = Build(tree, temp["img.sqfs"]);

        // Then: zlib would add bytes to each block; stored raw, the image is the data plus small tables.
        info.BytesUsed.Should().BeInRange(1_000_000, 1_000_000 + 512);
        ExtractAndCompare(tree, temp["img.sqfs"], temp["out"]);
    }

    [Fact]
    public void Zero_blocks_are_stored_as_sparse_blocks_and_extract_as_holes()
    {
        // Given
        var tree = new FileTree(SquashFsTrees.Epoch);
        tree.AddFile("sparse", new BytesContent(SquashFsTrees.Sparse()));
        using var temp = new TempDirectory("hyperbake-squashfs-");

        // When
        var info = Build(tree, temp["img.sqfs"]);

        // Then: the 100 KB of random data dominates; the 4 MiB of zeros cost nothing.
        info.BytesUsed.Should().BeLessThan(110_000);
        ExtractAndCompare(tree, temp["img.sqfs"], temp["out"]);
        var blocks = ExternalTool.Run("stat", "--printf=%b", temp["out/sparse"]);
        long.Parse(blocks.StdOut).Should().BeLessThan(1024, "unsquashfs leaves the sparse blocks as holes");
    }

    [Fact]
    public void Files_over_4_GiB_get_64_bit_sizes_the_kernel_reads()
    {
        // Given: 4 GiB of zeros (sparse blocks) and a tail that lands in a fragment.
        const long zeros = (4L << 30) + 4096;
        var tail = "the end of a very large file\n"u8.ToArray();
        var tree = new FileTree(SquashFsTrees.Epoch);
        tree.AddFile("huge", new DelegateContent(zeros + tail.Length, () => new ZeroThenTailStream(zeros, tail)));
        using var temp = new TempDirectory("hyperbake-squashfs-");
        var image = temp["huge.sqfs"];

        // When
        var info = Build(tree, image, new SquashFsOptions { SourceDateEpoch = SquashFsTrees.Epoch, DuplicateDetection = false });

        // Then
        info.BytesUsed.Should().BeLessThan(256 << 10, "32,769 sparse blocks cost a 4-byte word each");
        ExternalTool.Run("unsquashfs", "-lln", "-UTC", "-d", "", image).StdOut.Should().MatchRegex($@"-rw-r--r-- 0/0 +{zeros + tail.Length} 2023-11-14 22:13 /huge");
        var mountPoint = temp["mnt"];
        Directory.CreateDirectory(mountPoint);
        ExternalTool.Run("mount", "-t", "squashfs", "-o", "loop,ro", image, mountPoint).ExitCode.Should().Be(0);
        try
        {
            using var file = File.OpenRead(Path.Combine(mountPoint, "huge"));
            file.Length.Should().Be(zeros + tail.Length);
            var end = new byte[tail.Length + 8];
            file.Position = zeros - 8;
            file.ReadExactly(end);
            end.Should().Equal([.. new byte[8], .. tail]);
        }
        finally
        {
            ExternalTool.Run("umount", mountPoint).ExitCode.Should().Be(0);
        }
    }

    [Fact]
    public void ComputeSize_then_WriteTo_gives_the_bytes_of_a_direct_build()
    {
        // Given
        var tree = MixedTree();
        using var temp = new TempDirectory("hyperbake-squashfs-");
        Build(tree, temp["direct.sqfs"]);

        // When
        using var builder = new SquashFsBuilder(tree, new SquashFsOptions { SourceDateEpoch = SquashFsTrees.Epoch, TemporaryDirectory = temp.Path });
        var size = builder.ComputeSize();
        using var stream = new MemoryStream();
        builder.WriteTo(stream);

        // Then
        size.Should().Be(stream.Length);
        stream.ToArray().SequenceEqual(File.ReadAllBytes(temp["direct.sqfs"])).Should().BeTrue();
        builder.ComputeSize().Should().Be(size);
    }

    [Fact]
    public void WriteTo_first_remembers_the_size()
    {
        // Given
        using var builder = new SquashFsBuilder(MixedTree());
        using var stream = new MemoryStream();

        // When
        builder.WriteTo(stream);

        // Then
        builder.ComputeSize().Should().Be(stream.Length);
    }

    [Fact]
    public void An_empty_tree_is_a_valid_image()
    {
        // Given
        using var temp = new TempDirectory("hyperbake-squashfs-");

        // When
        Build(new FileTree(SquashFsTrees.Epoch), temp["empty.sqfs"]);

        // Then
        ExtractAndCompare(new FileTree(SquashFsTrees.Epoch), temp["empty.sqfs"], temp["out"]);
    }

    [Fact]
    public void Options_read_mksquashfs_like_words()
    {
        var options = SquashFsOptions.Parse(["zlib", "level=6", "block-size=64K", "no-fragments", "no-duplicates", "no-exports", "source-date-epoch=42", "processors=1"]);

        options.Should().Be(new SquashFsOptions
        {
            Compression = SquashFsCompression.Gzip,
            CompressionLevel = 6,
            BlockSize = 65536,
            Fragments = false,
            DuplicateDetection = false,
            Exportable = false,
            SourceDateEpoch = 42,
            MaxDegreeOfParallelism = 1,
        });
        SquashFsOptions.Parse(["comp=none", "no-tail-packing", "b=1M"]).Should().Match<SquashFsOptions>(o =>
            o.Compression == SquashFsCompression.None && !o.TailPacking && o.BlockSize == 1 << 20);
    }

    [Theory]
    [InlineData("block-size=3000", "power of two")]
    [InlineData("block-size=2M", "power of two")]
    [InlineData("level=0", "use 1 (fastest) to 9")]
    [InlineData("comp=xz", "use gzip (also called zlib) or none")]
    [InlineData("bogus", "Unknown squashfs option 'bogus'")]
    [InlineData("source-date-epoch=-1", "SOURCE_DATE_EPOCH -1")]
    public void Bad_options_are_refused_with_the_value_and_the_fix(string option, string message)
    {
        var act = () => SquashFsOptions.Parse([option]);
        act.Should().Throw<ArgumentException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Bad_trees_are_refused_with_the_path_the_value_and_the_fix()
    {
        Refuses(t => t.AddFile("old", "x").ModificationTime = -5, "'/old' has modification time -5*use 0 to 4294967295*");
        Refuses(t => t.AddFile("x", "x").Xattrs["system.posix_acl_access"] = [1], "*'system.posix_acl_access'*only user.*, trusted.* and security.*");
        Refuses(t => t.AddFile(new string('a', 257), "x"), "*257 bytes long*1 to 256 bytes*");
        Refuses(t => t.Add("dev/huge", FileNode.Device(FileNodeKind.CharDevice, 5000, 1)), "Device '/dev/huge' has numbers 5000:1*");
        Refuses(t => t.AddFile("neg", "x", uid: -1), "'/neg' has uid -1*");
        Refuses(t => t.AddSymlink("long", new string('x', 5000)), "Symlink '/long' has a target of 5000 bytes; Linux reads at most 4095*");
    }

    [Fact]
    public void A_source_that_changed_length_is_named()
    {
        var tree = new FileTree();
        tree.AddFile("shrunk", new DelegateContent(100, () => new MemoryStream(new byte[40])));
        using var builder = new SquashFsBuilder(tree);
        var act = () => builder.WriteTo(new MemoryStream());
        act.Should().Throw<InvalidDataException>().WithMessage("The content of '/shrunk' gave 40 bytes, but its declared length is 100*");
    }

    private const long MixedTreeStoredBytes = (3 * 131072) + 5000 + 20 * 1000;

    private static FileTree MixedTree()
    {
        var tree = new FileTree(SquashFsTrees.Epoch);
        tree.AddFile("one-block", new BytesContent(SquashFsTrees.Pattern(131072, seed: 21)));
        tree.AddFile("block-and-tail", new BytesContent(SquashFsTrees.Pattern(131072 + 5000, seed: 22)));
        tree.AddFile("two-blocks-zero-first", new BytesContent([.. new byte[131072], .. SquashFsTrees.Pattern(131072, seed: 23)]));
        for (var i = 0; i < 20; i++)
        {
            tree.AddFile($"small/{i:D2}", new BytesContent(SquashFsTrees.Pattern(1000 + i, seed: 30 + i)));
        }

        tree.AddFile("empty", BytesContent.Empty);
        tree.AddSymlink("link", "one-block");
        return tree;
    }

    private static void Refuses(Action<FileTree> change, string message)
    {
        var tree = new FileTree();
        change(tree);
        using var builder = new SquashFsBuilder(tree);
        var act = () => builder.WriteTo(new MemoryStream());
        act.Should().Throw<FileTreeException>().WithMessage(message);
    }

    private static SquashFsBuildInfo Build(FileTree tree, string path, SquashFsOptions? options = null)
    {
        using var builder = new SquashFsBuilder(tree, options ?? new SquashFsOptions { SourceDateEpoch = SquashFsTrees.Epoch });
        return builder.Build(path);
    }

    private static void ExtractAndCompare(FileTree tree, string image, string output)
    {
        var result = ExternalTool.Run("unsquashfs", "-d", output, "-f", "-no-progress", image);
        result.ExitCode.Should().Be(0, result.Output);
        TreeSnapshot.FromDirectory(output).Should().Equal(TreeSnapshot.FromTree(tree));
    }

    private static string Golden(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Golden", name);

    /// <summary>Hands out at most <paramref name="most"/> bytes per read, as a pipe or a slow device may.</summary>
    private sealed class TrickleStream(Stream inner, int most) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, most));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
