using System.Security.Cryptography;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Tests.Disks;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.VirtualDisks.Qcow2;
using Hyperbake.Testing;
using static Hyperbake.Imaging.Disks.ByteSize;

namespace Hyperbake.Imaging.Tests.VirtualDisks;

/// <summary>
/// A qcow2 of file contents is planned first (which clusters hold data) and then written front to
/// back, hashed on the way: qemu-img finds it clean and equal to the raw image, and the hash the
/// writer returns is the file's.
/// </summary>
public sealed class PlannedQcow2WriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A disk larger than one L2 table maps (512 MiB at 64 KiB clusters), with data at both ends and zero stretches inside.</summary>
    private DiskPlan Plan()
    {
        var rootfs = TestContent.File(_dir["rootfs.img"], (5 * (int)MiB) + 512, seed: 3, zeroEvery: (int)MiB, zeroLength: 300_000, textLike: true);
        return new DiskLayout(PartitionTableType.Gpt)
        {
            Seed = "planned-qcow2",
            TotalSize = 1200 * MiB,
            Partitions =
            {
                new PartitionSpec("EFI System", "esp", 8 * MiB, new BytesContent(TestContent.Bytes(1_000_000, 5))) { Bootable = true },
                new PartitionSpec("IMGA", "coreos-usr", 10 * MiB, new HostFileContent(rootfs)) { Number = 2 },
                new PartitionSpec("IMGB", "coreos-usr", 10 * MiB) { Number = 3 },
                new PartitionSpec("P3", "eve-persist", null, new BytesContent(TestContent.Bytes(70_000, 9))) { Number = 9, Grow = true },
            },
        }.ComputeLayout();
    }

    [Fact]
    public void A_qcow2_of_file_contents_is_clean_equal_to_the_raw_image_and_comes_with_its_sha256()
    {
        var plan = Plan();
        var raw = _dir["disk.raw"];
        DiskWriter.Write(plan, raw, DiskFormat.Raw).Should().BeNull("a sparse raw image is not hashed on the way");
        var qcow2 = _dir["disk.qcow2"];

        var sha256 = DiskWriter.Write(plan, qcow2, DiskFormat.Qcow2);

        sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(qcow2))));
        DiskImageAssert.QemuCheckAndCompare(raw, qcow2, "qcow2");
        ExternalTool.Check("qemu-img", "check", "--output=json", qcow2).StdOut.Should().Contain("\"allocated-clusters\"");
        var again = _dir["again.qcow2"];
        DiskWriter.Write(plan, again, DiskFormat.Qcow2).Should().Be(sha256, "the same plan gives the same bytes");
    }

    [Fact]
    public void The_layout_puts_every_table_before_the_data_and_one_l2_table_per_mapped_region()
    {
        var layout = new Qcow2Layout(1200 * MiB, 64 * 1024, [0, 1, 5, 9000, 9001]);

        layout.L1Size.Should().Be(3);
        layout.L2Offset(0).Should().BeGreaterThan(0);
        layout.L2Offset(1).Should().BeGreaterThan(layout.L2Offset(0));
        layout.L2Offset(2).Should().Be(0, "no data cluster falls in the third 512 MiB (from cluster 16384)");
        layout.DataOffset.Should().Be(layout.L2Offset(1) + (64 * 1024));
        layout.FileLength.Should().Be(layout.DataOffset + (5 * 64 * 1024));
    }

    [Fact]
    public void Content_that_changed_since_the_plan_is_an_error_not_a_wrong_image()
    {
        var layout = new Qcow2Layout(4 * MiB, 64 * 1024, [1]);
        using var output = new MemoryStream();
        using var writer = new PlannedQcow2Writer(output, layout);
        var data = new byte[64 * 1024];
        data[0] = 1;

        var unplanned = () => writer.Write(2 * 64 * 1024, data);

        unplanned.Should().Throw<InvalidOperationException>().WithMessage("*changed*cluster 2*");
    }

    [Fact]
    public void A_planned_cluster_that_stays_empty_is_an_error()
    {
        var layout = new Qcow2Layout(4 * MiB, 64 * 1024, [1, 3]);
        using var output = new MemoryStream();
        using var writer = new PlannedQcow2Writer(output, layout);
        var data = new byte[64 * 1024];
        data[0] = 1;
        writer.Write(64 * 1024, data);

        writer.Invoking(w => w.Complete()).Should().Throw<InvalidOperationException>().WithMessage("*1 clusters planned*");
    }
}
