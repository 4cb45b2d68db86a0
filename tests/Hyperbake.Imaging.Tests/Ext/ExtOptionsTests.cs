using Hyperbake.Imaging.Ext;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>Bad input fails before any byte is written, with one message naming the thing, the value and the fix.</summary>
public sealed class ExtOptionsTests
{
    private static FileTree SmallTree()
    {
        var tree = new FileTree(AwkwardTree.Epoch);
        tree.AddFile("a", new BytesContent(AwkwardTree.Pattern(3 << 20, 1)));
        return tree;
    }

    [Fact]
    public void A_label_over_16_bytes_is_refused()
    {
        var act = () => new ExtFileSystemBuilder(SmallTree(), new ExtFileSystemOptions { Label = "seventeen-bytes!!" }).ComputeSize();
        act.Should().Throw<ArgumentException>().WithMessage("*label 'seventeen-bytes!!' is 17 bytes*at most 16*");
    }

    [Fact]
    public void An_unsupported_block_size_is_refused()
    {
        var act = () => new ExtFileSystemBuilder(SmallTree(), new ExtFileSystemOptions { BlockSize = 512 }).ComputeSize();
        act.Should().Throw<ArgumentException>().WithMessage("*block size 512*use 1024, 2048 or 4096*");
    }

    [Fact]
    public void A_size_too_small_for_the_content_names_the_shortfall()
    {
        var act = () => new ExtFileSystemBuilder(SmallTree(), new ExtFileSystemOptions { Size = 2 << 20, Revision = ExtRevision.Ext2 }).ComputeSize();
        act.Should().Throw<InvalidOperationException>().WithMessage("*raise Size by at least*");
    }

    [Fact]
    public void A_journaled_image_below_2048_blocks_is_refused()
    {
        var act = () => new ExtFileSystemBuilder(new FileTree(), new ExtFileSystemOptions { Size = 4 << 20 }).ComputeSize();
        act.Should().Throw<InvalidOperationException>().WithMessage("*needs at least 2048 blocks for its journal*use ext2*");
    }

    [Fact]
    public void Too_few_inodes_are_refused()
    {
        var act = () => new ExtFileSystemBuilder(SmallTree(), new ExtFileSystemOptions { InodeCount = 5 }).ComputeSize();
        act.Should().Throw<InvalidOperationException>().WithMessage("*needs 12 inodes but InodeCount is 5*");
    }

    [Fact]
    public void An_empty_symlink_target_is_refused()
    {
        var tree = new FileTree();
        tree.AddSymlink("bin/sh", "");
        var act = () => new ExtFileSystemBuilder(tree).ComputeSize();
        act.Should().Throw<InvalidOperationException>().WithMessage("*Symlink '/bin/sh' has an empty target*");
    }

    [Fact]
    public void Content_shorter_than_declared_fails_the_write_naming_the_file()
    {
        var tree = new FileTree();
        tree.AddFile("liar", new DelegateContent(10_000, () => new MemoryStream(new byte[10])));
        var act = () => new ExtFileSystemBuilder(tree).WriteTo(new MemoryStream());
        act.Should().Throw<InvalidOperationException>().WithMessage("*'/liar' ended after 10 bytes but declared 10000*");
    }

    [Fact]
    public void Lost_and_found_must_be_a_directory()
    {
        var tree = new FileTree();
        tree.AddFile("lost+found", "not a dir");
        var act = () => new ExtFileSystemBuilder(tree).ComputeSize();
        act.Should().Throw<InvalidOperationException>().WithMessage("*'/lost+found' is a RegularFile*");
    }
}
