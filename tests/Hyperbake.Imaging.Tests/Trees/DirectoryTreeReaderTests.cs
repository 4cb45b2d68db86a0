using Hyperbake.Imaging.Tests.Fixtures;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.Trees.Readers;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Trees;

public sealed class DirectoryTreeReaderTests
{
    [Fact]
    public void Reads_every_kind_of_entry_with_its_metadata()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(new AwkwardTreeOptions { ManyEntriesCount = 300 });
        TreeMaterializer.Write(source, temp["root"]);

        var read = DirectoryTreeReader.Read(temp["root"]);

        read.ShouldEqual(source);
        read.Find("links/hardlink.txt").Should().BeSameAs(read.Find("links/original.txt"));
        read.Find("dev/big-minor")!.DeviceMinor.Should().Be(300);
        read.Find("large/random.bin")!.Content.Should().BeOfType<HostFileContent>("contents stay on disk until written");
    }

    [Fact]
    public void Overrides_owner_and_clamps_times()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(new AwkwardTreeOptions { Features = AwkwardFeatures.Ownership, ModificationTime = 2_000_000_000 });
        TreeMaterializer.Write(source, temp["root"]);

        var read = DirectoryTreeReader.Read(temp["root"], new DirectoryReadOptions { Owner = (0, 0), ClampModificationTime = 1_600_000_000 });

        read.Walk().Should().OnlyContain(e => e.Node.Uid == 0 && e.Node.Gid == 0 && e.Node.ModificationTime == 1_600_000_000);
    }

    [Fact]
    public void A_missing_directory_is_named()
    {
        var act = () => DirectoryTreeReader.Read("/nonexistent/hyperbake");
        act.Should().Throw<FileTreeException>().WithMessage("*'/nonexistent/hyperbake' does not exist*");
    }
}
