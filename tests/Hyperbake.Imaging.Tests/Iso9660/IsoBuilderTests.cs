using System.Security.Cryptography;
using Hyperbake.Imaging.Iso9660;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Iso9660;

public class IsoBuilderTests
{
    private static readonly IsoOptions Options = new()
    {
        VolumeLabel = "Repeat",
        SourceDateEpoch = AwkwardTree.Epoch,
        ElTorito = new ElToritoOptions { EfiImage = new BytesContent(AwkwardTree.Random(7, 300_000)) },
    };

    [Fact]
    public void Two_builds_of_the_same_tree_give_identical_bytes()
    {
        var first = Hash(AwkwardTree.Create(largeFileBytes: 1 << 20), Options);
        var second = Hash(AwkwardTree.Create(largeFileBytes: 1 << 20), Options);
        second.Should().Equal(first);
    }

    [Fact]
    public void Source_date_epoch_sets_the_bytes()
    {
        var tree = new FileTree(AwkwardTree.Epoch);
        tree.AddFile("a", "a");
        var first = Hash(tree, new IsoOptions { SourceDateEpoch = 1 });
        var second = Hash(tree, new IsoOptions { SourceDateEpoch = 2 });
        second.Should().NotEqual(first);
    }

    [Fact]
    public void A_file_of_4_GiB_is_rejected_naming_the_file_and_the_fix()
    {
        var tree = new FileTree();
        tree.AddFile("images/huge.img", new DelegateContent(4L << 30, () => throw new InvalidOperationException("must not be read")));
        var act = () => new IsoBuilder(tree).ComputeSize();
        act.Should().Throw<IsoBuildException>().WithMessage("*'images/huge.img'*4294967296 bytes*4 GiB*squashfs*");
    }

    [Fact]
    public void A_file_just_under_4_GiB_is_laid_out()
    {
        var tree = new FileTree();
        tree.AddFile("big", new DelegateContent(uint.MaxValue, () => throw new InvalidOperationException("must not be read")));
        new IsoBuilder(tree).ComputeSize().Should().BeGreaterThan(uint.MaxValue);
    }

    [Fact]
    public void A_volume_label_longer_than_32_characters_is_rejected()
    {
        var act = () => new IsoBuilder(new FileTree(), new IsoOptions { VolumeLabel = new string('V', 33) }).ComputeSize();
        act.Should().Throw<IsoBuildException>().WithMessage("*Volume label*32*Shorten*");
    }

    [Fact]
    public void A_boot_image_in_a_missing_directory_is_rejected()
    {
        var options = new IsoOptions { ElTorito = new ElToritoOptions { EfiImage = BytesContent.FromText("x"), EfiImagePath = "nowhere/efi.img" } };
        var act = () => new IsoBuilder(new FileTree(), options).ComputeSize();
        act.Should().Throw<IsoBuildException>().WithMessage("*'nowhere/efi.img'*'nowhere'*not in the tree*");
    }

    [Fact]
    public void A_boot_image_path_on_a_different_tree_file_is_rejected()
    {
        var tree = new FileTree();
        tree.AddFile("efi.img", "tree's");
        var options = new IsoOptions { ElTorito = new ElToritoOptions { EfiImage = BytesContent.FromText("other"), EfiImagePath = "efi.img" } };
        var act = () => new IsoBuilder(tree, options).ComputeSize();
        act.Should().Throw<IsoBuildException>().WithMessage("*'efi.img' already holds a different file*");
    }

    [Fact]
    public void A_file_that_shrinks_while_writing_is_reported()
    {
        var tree = new FileTree();
        tree.AddFile("shrinking", new DelegateContent(10_000, () => new MemoryStream(new byte[10])));
        var act = () => new IsoBuilder(tree).WriteTo(new MemoryStream());
        act.Should().Throw<IsoBuildException>().WithMessage("*'shrinking' ended after 10 of 10000 bytes*");
    }

    [Fact]
    public void Without_extensions_the_volume_is_plain_iso_9660()
    {
        using var dir = new TempDirectory();
        var tree = new FileTree();
        tree.AddSymlink("link", "target");
        tree.AddFile("File.txt", "x");
        new IsoBuilder(tree, new IsoOptions { RockRidge = false, Joliet = false }).WriteTo(dir["plain.iso"]);
        var info = ExternalTool.Check("isoinfo", "-d", "-i", dir["plain.iso"]).StdOut;
        info.Should().Contain("Volume id: ISOIMAGE").And.Contain("NO Rock Ridge present").And.Contain("NO Joliet present").And.NotContain("El Torito");
        var listing = ExternalTool.Check("isoinfo", "-l", "-i", dir["plain.iso"]).StdOut;
        listing.Should().Contain("FILE.TXT;1").And.NotContain("LINK", "a symlink has no plain ISO 9660 form");
        Xorriso.Run("-indev", dir["plain.iso"], "-find", "/", "-exec", "lsdl");
    }

    private static byte[] Hash(FileTree tree, IsoOptions options)
    {
        var builder = new IsoBuilder(tree, options);
        using var stream = new MemoryStream();
        builder.WriteTo(stream);
        stream.Length.Should().Be(builder.ComputeSize());
        return SHA256.HashData(stream.ToArray());
    }
}
