using Hyperbake.Imaging.SquashFs;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.SquashFs;

/// <summary>The awkward tree through the independent readers: unsquashfs and the Linux kernel.</summary>
public sealed class SquashFsRoundTripTests(AwkwardImageFixture image) : IClassFixture<AwkwardImageFixture>
{
    [Fact]
    public void Unsquashfs_reports_the_superblock_that_was_asked_for()
    {
        // When
        var result = ExternalTool.Run("unsquashfs", "-s", "-UTC", image.ImagePath);

        // Then
        result.ExitCode.Should().Be(0, result.Output);
        result.StdOut.Should().Contain("Found a valid SQUASHFS 4:0 superblock")
            .And.Contain("Creation or last append time Tue Nov 14 22:13:20 2023") // SOURCE_DATE_EPOCH 1700000000
            .And.Contain("Compression gzip")
            .And.Contain("Block size 131072")
            .And.Contain("Filesystem is exportable via NFS")
            .And.Contain("Inodes are compressed")
            .And.Contain("Data is compressed")
            .And.Contain("Fragments are compressed")
            .And.Contain("Always-use-fragments option is specified")
            .And.Contain("Duplicates are removed")
            .And.Contain($"Number of fragments {image.Info.FragmentCount}")
            .And.Contain($"Number of inodes {image.Info.InodeCount}")
            .And.Contain($"Number of ids {image.Info.IdCount}")
            .And.Contain($"Number of xattr ids {image.Info.XattrSetCount}");
        var distinctNodes = image.Tree.CountNames().Count;
        image.Info.InodeCount.Should().Be(distinctNodes);
        image.Info.XattrSetCount.Should().Be(6, "seven inodes carry xattrs and two of them carry the same set");
        new FileInfo(image.ImagePath).Length.Should().Be(image.Info.Size).And.Subject.Should().Match(n => n % 4096 == 0);
    }

    [Fact]
    public void Unsquashfs_extracts_exactly_the_tree_that_went_in()
    {
        // Given
        using var temp = new TempDirectory("hyperbake-squashfs-out-");
        var output = temp["root"];

        // When
        var result = ExternalTool.Run("unsquashfs", "-d", output, "-f", "-no-progress", image.ImagePath);

        // Then
        result.ExitCode.Should().Be(0, result.Output);
        result.StdErr.Should().BeEmpty();
        TreeSnapshot.FromDirectory(output).Should().Equal(image.Expected);
    }

    [Fact]
    public void The_kernel_mounts_it_and_reads_exactly_the_tree_that_went_in()
    {
        // Given: a loop mount, which also exercises the kernel's directory-index lookups in the 5,000-entry folder.
        using var temp = new TempDirectory("hyperbake-squashfs-mnt-");
        var mountPoint = temp["mnt"];
        Directory.CreateDirectory(mountPoint);
        var mount = ExternalTool.Run("mount", "-t", "squashfs", "-o", "loop,ro", image.ImagePath, mountPoint);
        mount.ExitCode.Should().Be(0, mount.Output);
        try
        {
            // When
            var actual = TreeSnapshot.FromDirectory(mountPoint);

            // Then
            actual.Should().Equal(image.Expected);
            foreach (var name in new[] { "entry-00000", "entry-02500", "entry-04999", "\U0001F600", "\uFF21", "zz-subdir" })
            {
                Path.Exists(Path.Combine(mountPoint, "many", name)).Should().BeTrue($"the kernel looks '{name}' up through the directory index");
            }

            Path.Exists(Path.Combine(mountPoint, "many", "entry-05000")).Should().BeFalse();
        }
        finally
        {
            ExternalTool.Run("umount", mountPoint).ExitCode.Should().Be(0);
        }
    }

    [Fact]
    public void Serial_and_repeated_builds_give_identical_bytes()
    {
        // Given
        using var temp = new TempDirectory("hyperbake-squashfs-det-");
        var serial = temp["serial.sqfs"];
        var again = temp["again.sqfs"];

        // When
        using (var builder = new SquashFsBuilder(image.Tree, new SquashFsOptions { SourceDateEpoch = SquashFsTrees.Epoch, MaxDegreeOfParallelism = 1 }))
        {
            builder.Build(serial);
        }

        using (var builder = new SquashFsBuilder(SquashFsTrees.Awkward(), new SquashFsOptions { SourceDateEpoch = SquashFsTrees.Epoch, MaxDegreeOfParallelism = 3 }))
        {
            builder.Build(again);
        }

        // Then
        var reference = File.ReadAllBytes(image.ImagePath);
        File.ReadAllBytes(serial).SequenceEqual(reference).Should().BeTrue("a serial build matches the parallel one");
        File.ReadAllBytes(again).SequenceEqual(reference).Should().BeTrue("a second build of an equal tree matches the first");
    }

    [Fact]
    public void Unsquashfs_lists_the_large_directory_sorted_by_bytes()
    {
        // When
        var result = ExternalTool.Run("unsquashfs", "-l", "-d", "", image.ImagePath, "many");

        // Then
        result.ExitCode.Should().Be(0, result.Output);
        var names = result.StdOut.Split('\n').Where(l => l.StartsWith("/many/", StringComparison.Ordinal)).Select(l => l["/many/".Length..]).ToList();
        names.Should().HaveCount(5003);
        names.Should().BeInAscendingOrder(Comparer<string>.Create((a, b) =>
            System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b))));
        names[^1].Should().Be("\U0001F600", "UTF-8 F0… sorts after EF… although UTF-16 puts the surrogate pair first");
    }
}
