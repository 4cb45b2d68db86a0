using Build.Caching;
using Hyperbake.Imaging.SquashFs;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Build.Tests.Caching;

public sealed class SquashFsBlockIndexTests : IDisposable
{
    private static readonly string Settings = SquashFsBlockIndex.Settings(new SquashFsOptions());
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static FileTree Tree(string initText)
    {
        var tree = new FileTree(1_700_000_000);
        var random = new Random(5);
        for (var i = 0; i < 20; i++)
        {
            var bytes = new byte[50_000 + (i * 7_000)];
            random.NextBytes(bytes.AsSpan(0, bytes.Length / 2));
            tree.AddFile($"usr/lib/file{i}.bin", new BytesContent(bytes));
        }

        // Random bytes do not compress: stored uncompressed, and known as such next time.
        var noise = new byte[300_000];
        random.NextBytes(noise);
        tree.AddFile("usr/lib/noise.bin", new BytesContent(noise));
        tree.AddFile("sbin/init", initText, 0x1ED);
        return tree;
    }

    private static byte[] Image(FileTree tree, ISquashFsBlockCache? cache)
    {
        using var output = new MemoryStream();
        new SquashFsBuilder(tree, new SquashFsOptions { SourceDateEpoch = 1_700_000_000, BlockCache = cache }).WriteTo(output);
        return output.ToArray();
    }

    /// <summary>A first build: its image and index on disk, as the cache keeps them.</summary>
    private void FirstBuild(string initText)
    {
        using var first = SquashFsBlockIndex.Empty(Settings);
        File.WriteAllBytes(_dir["rootfs.img"], Image(Tree(initText), first));
        first.Save(_dir["rootfs.img.blocks"]);
    }

    [Fact]
    public void An_image_built_from_the_last_build_s_blocks_is_the_same_and_compresses_only_what_changed()
    {
        // Given the image and block index of a first build
        FirstBuild("#!/bin/sh\necho one\n");

        // When the init script changes
        using var index = SquashFsBlockIndex.Load(_dir["rootfs.img.blocks"], _dir["rootfs.img"], Settings);
        var withIndex = Image(Tree("#!/bin/sh\necho two\n"), index);

        // Then the bytes equal a build without the index, and most blocks came from the last image
        withIndex.Should().Equal(Image(Tree("#!/bin/sh\necho two\n"), null));
        index.Hits.Should().BeGreaterThan(10);
        index.Misses.Should().BeLessThan(3, "only the fragment block holding the init script changed");
        File.WriteAllBytes(_dir["rootfs2.img"], withIndex);
        ExternalTool.Check("unsquashfs", "-no-progress", "-d", _dir["x"], _dir["rootfs2.img"]);
        File.ReadAllText(_dir["x/sbin/init"]).Should().Be("#!/bin/sh\necho two\n");

        // And the index of the second build is the one a build without reuse writes
        index.Save(_dir["second.blocks"]);
        using var fresh = SquashFsBlockIndex.Empty(Settings);
        Image(Tree("#!/bin/sh\necho two\n"), fresh);
        fresh.Save(_dir["fresh.blocks"]);
        File.ReadAllBytes(_dir["second.blocks"]).Should().Equal(File.ReadAllBytes(_dir["fresh.blocks"]));
    }

    [Theory]
    [InlineData("123456789", 0xE3069283u)] // the CRC-32C check value (RFC 3720, B.4)
    [InlineData("", 0u)]
    [InlineData("a", 0xC1D04330u)]
    public void The_checksum_of_stored_blocks_is_crc32c(string text, uint expected) =>
        SquashFsBlockIndex.Crc32C(System.Text.Encoding.ASCII.GetBytes(text)).Should().Be(expected);

    [Fact]
    public void A_damaged_block_in_the_last_image_is_compressed_again_not_copied()
    {
        FirstBuild("a");
        var image = File.ReadAllBytes(_dir["rootfs.img"]);
        image[image.Length / 3] ^= 0x55;
        File.WriteAllBytes(_dir["rootfs.img"], image);

        using var index = SquashFsBlockIndex.Load(_dir["rootfs.img.blocks"], _dir["rootfs.img"], Settings);
        var rebuilt = Image(Tree("a"), index);

        rebuilt.Should().Equal(Image(Tree("a"), null));
        index.Misses.Should().BeGreaterThan(0);
        index.Hits.Should().BeGreaterThan(10);
    }

    [Fact]
    public void A_damaged_index_one_made_with_other_settings_or_one_without_its_image_is_not_used()
    {
        FirstBuild("a");
        var bytes = File.ReadAllBytes(_dir["rootfs.img.blocks"]);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(_dir["damaged"], bytes);

        using var damaged = SquashFsBlockIndex.Load(_dir["damaged"], _dir["rootfs.img"], Settings);
        Image(Tree("a"), damaged);
        using var other = SquashFsBlockIndex.Load(_dir["rootfs.img.blocks"], _dir["rootfs.img"], "Gzip-1-131072");
        Image(Tree("a"), other);
        using var imageless = SquashFsBlockIndex.Load(_dir["rootfs.img.blocks"], _dir["missing.img"], Settings);
        Image(Tree("a"), imageless);

        damaged.Hits.Should().Be(0);
        other.Hits.Should().Be(0);
        imageless.Hits.Should().Be(0);
    }
}
