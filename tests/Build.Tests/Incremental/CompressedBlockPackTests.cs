using Build.Caching;
using Hyperbake.Imaging.SquashFs;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Build.Tests.Incremental;

public sealed class CompressedBlockPackTests : IDisposable
{
    private const string Settings = "Gzip-9-131072";
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

        tree.AddFile("sbin/init", initText, 0x1ED);
        return tree;
    }

    private byte[] Image(FileTree tree, ISquashFsBlockCache? cache)
    {
        using var output = new MemoryStream();
        new SquashFsBuilder(tree, new SquashFsOptions { SourceDateEpoch = 1_700_000_000, BlockCache = cache }).WriteTo(output);
        return output.ToArray();
    }

    [Fact]
    public void An_image_built_with_the_last_build_s_blocks_is_the_same_and_compresses_only_what_changed()
    {
        // Given the pack of a first build
        var first = CompressedBlockPack.Empty(Settings);
        Image(Tree("#!/bin/sh\necho one\n"), first);
        first.Save(_dir["rootfs.img.blocks"]);

        // When the init script changes
        var pack = CompressedBlockPack.Load(_dir["rootfs.img.blocks"], Settings);
        var withPack = Image(Tree("#!/bin/sh\necho two\n"), pack);

        // Then the bytes equal a build without the pack, and most blocks came from it
        withPack.Should().Equal(Image(Tree("#!/bin/sh\necho two\n"), null));
        pack.Hits.Should().BeGreaterThan(10);
        pack.Misses.Should().BeLessThan(pack.Hits);
        File.WriteAllBytes(_dir["rootfs.img"], withPack);
        ExternalTool.Check("unsquashfs", "-no-progress", "-d", _dir["x"], _dir["rootfs.img"]);
        File.ReadAllText(_dir["x/sbin/init"]).Should().Be("#!/bin/sh\necho two\n");
    }

    [Fact]
    public void A_damaged_pack_or_one_made_with_other_settings_is_not_used()
    {
        var first = CompressedBlockPack.Empty(Settings);
        Image(Tree("a"), first);
        first.Save(_dir["p"]);
        var bytes = File.ReadAllBytes(_dir["p"]);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(_dir["damaged"], bytes);

        var damaged = CompressedBlockPack.Load(_dir["damaged"], Settings);
        Image(Tree("a"), damaged);
        var other = CompressedBlockPack.Load(_dir["p"], "Gzip-1-131072");
        Image(Tree("a"), other);

        damaged.Hits.Should().Be(0);
        other.Hits.Should().Be(0);
    }
}
