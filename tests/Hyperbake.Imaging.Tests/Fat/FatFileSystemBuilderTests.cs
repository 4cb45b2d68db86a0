using System.Security.Cryptography;
using Hyperbake.Imaging.Fat;
using Hyperbake.Imaging.Tests.Fixtures;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.Trees.Readers;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Fat;

public sealed class FatFileSystemBuilderTests
{
    private static readonly AwkwardTreeOptions Awkward = new() { Features = AwkwardFeatures.FilesAndDirectories, ManyEntriesCount = 5000 };

    /// <summary>mtools restores file times (FAT keeps 2-second steps, our times are even); directory times and modes are not FAT's to keep.</summary>
    private static readonly TreeCompareOptions ExtractedByMtools = TreeCompareOptions.NamesAndContents with
    {
        ModificationTimes = true,

        // mtools 4.0 turns each half of a UTF-16 surrogate pair into '_'; the pair itself is checked in FatShortNamesTests.
        IgnorePaths = ["unicode/emoji-😀.txt", "unicode/emoji-__.txt"],
    };

    [Fact]
    public void Awkward_tree_passes_fsck_and_mtools_extracts_it_unchanged()
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(Awkward);
        var builder = new FatFileSystemBuilder(source, new FatFileSystemOptions { VolumeLabel = "HYPERBAKE", Timestamp = 1_700_000_000 });
        builder.WriteFile(temp["fat.img"]);

        new FileInfo(temp["fat.img"]).Length.Should().Be(builder.ComputeSize());
        FatImage.ShouldPassFsck(temp["fat.img"]);
        var extracted = DirectoryTreeReader.Read(FatImage.ExtractWithMcopy(temp["fat.img"], temp["out"]));
        extracted.ShouldEqual(source, ExtractedByMtools);

        var listing = ExternalTool.Check("mdir", "-/", "-i", temp["fat.img"], "::").StdOut;
        listing.Should().Contain("Volume in drive : is HYPERBAKE");
        listing.Should().Contain("日本語のファイル.txt").And.Contain("héllo wörld.txt").And.Contain("Mixed Case With Spaces.Text");
        listing.Should().Contain("entry-04999.txt");
        listing.Should().MatchRegex(@"README~1 MD +6 .* Readme\.md");
    }

    [Theory]
    [InlineData(4L << 20, null, "FAT12")]
    [InlineData(64L << 20, null, "FAT16")]
    [InlineData(1_260_000L * 512, null, "FAT32")]
    [InlineData(64L << 20, FatType.Fat32, "FAT32")]
    [InlineData(256L << 20, FatType.Fat32, "FAT32")]
    [InlineData(16L << 20, FatType.Fat12, "FAT12")]
    [InlineData(1_440L * 1024, null, "FAT12")]
    public void Each_fat_type_matches_mkfs_vfat_geometry_and_checks_clean(long size, FatType? type, string expected)
    {
        using var temp = new TempDirectory();
        var source = AwkwardTrees.Build(new AwkwardTreeOptions { Features = AwkwardFeatures.DeepPaths | AwkwardFeatures.CaseVariants | AwkwardFeatures.EmptyFiles, ModificationTime = 1_600_000_000 });
        source.AddFile("payload.bin", GeneratedContent.Random(300_000, 3));
        var builder = new FatFileSystemBuilder(source, new FatFileSystemOptions { Size = size, FatType = type, VolumeLabel = "ESP", VolumeId = 0xCAFE1234 });
        builder.WriteFile(temp["ours.img"]);

        var mkfsArgs = new List<string> { "-C", "-n", "ESP" };
        if (type is { } t)
        {
            mkfsArgs.AddRange(["-F", ((int)t).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        mkfsArgs.AddRange([temp["theirs.img"], (size / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        ExternalTool.Run("mkfs.vfat", mkfsArgs).ExitCode.Should().Be(0);

        FatImage.Geometry(temp["ours.img"]).Should().StartWith(expected).And.Be(FatImage.Geometry(temp["theirs.img"]));
        FatImage.ShouldPassFsck(temp["ours.img"]);
        var info = ExternalTool.Check("minfo", "-i", temp["ours.img"], "::").StdOut;
        info.Should().Contain($"disk type=\"{expected}   \"").And.Contain("serial number: CAFE1234").And.Contain("disk label=\"ESP        \"");
        DirectoryTreeReader.Read(FatImage.ExtractWithMcopy(temp["ours.img"], temp["out"])).ShouldEqual(source, ExtractedByMtools);
    }

    [Fact]
    public void Fat32_has_fsinfo_and_a_backup_boot_sector()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree(1_600_000_000);
        tree.AddFile("EFI/BOOT/BOOTX64.EFI", GeneratedContent.Random(1_000_000, 9));
        var builder = new FatFileSystemBuilder(tree, new FatFileSystemOptions { Size = 64L << 20, FatType = FatType.Fat32 });
        builder.WriteFile(temp["esp.img"]);

        var bytes = new byte[8 * 512];
        using (var f = File.OpenRead(temp["esp.img"]))
        {
            f.ReadExactly(bytes);
        }

        bytes.AsSpan(6 * 512, 512).ToArray().Should().Equal(bytes.AsSpan(0, 512).ToArray(), "sector 6 backs up the boot sector");
        BitConverter.ToUInt32(bytes, 512).Should().Be(FatFsInfo.LeadSignature);
        BitConverter.ToUInt32(bytes, 512 + 484).Should().Be(FatFsInfo.StructSignature);
        var used = 1 + 1 + 1 + (1_000_000 + 511) / 512; // root, EFI, BOOT, the file
        BitConverter.ToUInt32(bytes, 512 + 488).Should().Be(builder.Layout.ClusterCount - (uint)used);
        bytes[0].Should().Be(0xEB);
        bytes[21].Should().Be(0xF8);
        FatImage.ShouldPassFsck(temp["esp.img"]);
    }

    [Fact]
    public void Two_builds_give_identical_bytes_and_a_derived_volume_id()
    {
        using var temp = new TempDirectory();
        var options = Awkward with { ManyEntriesCount = 200 };
        new FatFileSystemBuilder(AwkwardTrees.Build(options), new FatFileSystemOptions { VolumeLabel = "A" }).WriteFile(temp["a.img"]);
        var second = new FatFileSystemBuilder(AwkwardTrees.Build(options), new FatFileSystemOptions { VolumeLabel = "A" });
        second.WriteFile(temp["b.img"]);
        var otherLabel = new FatFileSystemBuilder(AwkwardTrees.Build(options), new FatFileSystemOptions { VolumeLabel = "B" });

        Hash(temp["a.img"]).Should().Be(Hash(temp["b.img"]));
        otherLabel.VolumeId.Should().NotBe(second.VolumeId, "the volume id is derived from the tree and the label");
        ExternalTool.Check("minfo", "-i", temp["a.img"], "::").StdOut.Should().Contain($"serial number: {second.VolumeId:X8}");
    }

    [Fact]
    public void A_tree_that_does_not_fit_names_needed_and_available_bytes()
    {
        var tree = new FileTree();
        tree.AddFile("big.bin", GeneratedContent.Random(5 << 20, 1));

        var act = () => new FatFileSystemBuilder(tree, new FatFileSystemOptions { Size = 4 << 20 }).ComputeSize();

        act.Should().Throw<FileTreeException>().WithMessage("The tree needs a FAT volume of at least * bytes, but the size given is 4194304 bytes*");
    }

    [Fact]
    public void Impossible_explicit_types_are_explained()
    {
        var tree = new FileTree();
        tree.AddFile("f", "x");

        FluentActions.Invoking(() => new FatFileSystemBuilder(tree, new FatFileSystemOptions { Size = 8 << 20, FatType = FatType.Fat32 }).ComputeSize())
            .Should().Throw<FileTreeException>().WithMessage("*FAT32 needs at least 65525 clusters*");
        FluentActions.Invoking(() => new FatFileSystemBuilder(tree, new FatFileSystemOptions { Size = 1L << 30, FatType = FatType.Fat12 }).ComputeSize())
            .Should().Throw<FileTreeException>().WithMessage("*FAT12 cannot address this size*");
        FluentActions.Invoking(() => new FatFileSystemBuilder(tree, new FatFileSystemOptions { Size = 1000 }).ComputeSize())
            .Should().Throw<FileTreeException>().WithMessage("*1000 is not a positive multiple of 512*1024*");
    }

    [Fact]
    public void Symlinks_and_devices_are_errors_unless_skipped()
    {
        using var temp = new TempDirectory();
        var tree = new FileTree();
        tree.AddFile("keep.txt", "kept");
        tree.AddSymlink("boot/link", "../keep.txt");

        FluentActions.Invoking(() => new FatFileSystemBuilder(tree).ComputeSize())
            .Should().Throw<FileTreeException>().WithMessage("'boot/link' is a Symlink, which FAT cannot hold*UnsupportedNodes = Skip*");

        new FatFileSystemBuilder(tree, new FatFileSystemOptions { UnsupportedNodes = FatUnsupportedNodes.Skip }).WriteFile(temp["s.img"]);
        ExternalTool.Check("mdir", "-/", "-b", "-i", temp["s.img"], "::").StdOut.Should().Contain("keep.txt").And.NotContain("link");
    }

    [Fact]
    public void Names_fat_cannot_hold_are_rejected_with_the_path()
    {
        var tree = new FileTree();
        tree.AddFile("dir/what?.txt", "x");

        FluentActions.Invoking(() => new FatFileSystemBuilder(tree).ComputeSize())
            .Should().Throw<FileTreeException>().WithMessage("Name 'dir/what?.txt' contains '?'*");
    }

    [Fact]
    public void Computed_size_is_minimal_plus_headroom()
    {
        var tree = new FileTree();
        tree.AddFile("a.bin", GeneratedContent.Random(10 << 20, 2));
        var builder = new FatFileSystemBuilder(tree, new FatFileSystemOptions { HeadroomBytes = 0 });

        var size = builder.ComputeSize();

        size.Should().BeGreaterThan(10 << 20).And.BeLessThanOrEqualTo(12 << 20);
        (size % (1 << 20)).Should().Be(0);
    }

    private static string Hash(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(f));
    }
}
