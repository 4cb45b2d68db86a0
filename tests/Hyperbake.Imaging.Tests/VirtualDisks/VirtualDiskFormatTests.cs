using System.Text.Json;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Tests.Disks;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.VirtualDisks.Qcow2;
using Hyperbake.Testing;
using static Hyperbake.Imaging.Disks.ByteSize;

namespace Hyperbake.Imaging.Tests.VirtualDisks;

/// <summary>
/// One layout with realistic content (a raw image with zero stretches, a filesystem builder that
/// seeks, an empty partition, a grow partition) written as raw and as every container; qemu-img
/// checks each container and compares it with the raw image.
/// </summary>
public sealed class VirtualDiskFormatTests : IClassFixture<VirtualDiskFormatTests.Fixture>
{
    private readonly Fixture fixture;

    public VirtualDiskFormatTests(Fixture fixture) => this.fixture = fixture;

    public static TheoryData<DiskFormat, string, bool> Formats => new()
    {
        { DiskFormat.Qcow2, "qcow2", false },
        { DiskFormat.Qcow2, "qcow2", true },
        { DiskFormat.Vhdx, "vhdx", false },
        { DiskFormat.Vdi, "vdi", false },
        { DiskFormat.Vmdk, "vmdk", false },
        { DiskFormat.VmdkStreamOptimized, "vmdk", false },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Container_is_clean_and_equal_to_the_raw_image(DiskFormat format, string qemuFormat, bool compress)
    {
        var path = fixture.Dir[$"disk-{format}-{compress}.img"];
        var options = new DiskWriteOptions { Qcow2 = new Qcow2Options { Compress = compress } };
        DiskWriter.Write(fixture.Plan, path, format, options);

        DiskImageAssert.QemuCheckAndCompare(fixture.RawPath, path, qemuFormat);

        using var info = JsonDocument.Parse(ExternalTool.Check("qemu-img", "info", "--output=json", "-f", qemuFormat, path).StdOut);
        info.RootElement.GetProperty("virtual-size").GetInt64().Should().Be(fixture.Plan.TotalSize);
        var fileSize = new FileInfo(path).Length;
        fileSize.Should().BeLessThan(fixture.Plan.TotalSize / 2, "zero regions are never stored");
        if (format == DiskFormat.VmdkStreamOptimized)
        {
            ExternalTool.Check("qemu-img", "info", path).StdOut.Should().Contain("create type: streamOptimized").And.Contain("compressed: true");
        }

        if (compress)
        {
            var plain = fixture.Dir["plain.qcow2"];
            DiskWriter.Write(fixture.Plan, plain, DiskFormat.Qcow2);
            fileSize.Should().BeLessThan(new FileInfo(plain).Length * 3 / 4, "the text-like content compresses");
        }

        // Two runs give identical bytes (same file name: a VMDK descriptor records it).
        var again = Path.Combine(Directory.CreateDirectory(fixture.Dir[$"again-{format}-{compress}"]).FullName, Path.GetFileName(path));
        DiskWriter.Write(fixture.Plan, again, format, options);
        File.ReadAllBytes(again).AsSpan().SequenceEqual(File.ReadAllBytes(path)).Should().BeTrue();
        File.Delete(again);
    }

    [Fact]
    public void Raw_image_is_sparse_and_holds_the_content_at_the_partition_offsets()
    {
        DiskImageAssert.SgdiskClean(fixture.RawPath);
        var rootfs = fixture.Plan.Partitions.Single(p => p.Name == "IMGA");
        DiskImageAssert.ReadAt(fixture.RawPath, rootfs.Offset, fixture.RootfsBytes.Length).Should().Equal(fixture.RootfsBytes);
        var fs = fixture.Plan.Partitions.Single(p => p.Name == "EFI System");
        DiskImageAssert.ReadAt(fixture.RawPath, fs.Offset, fixture.Builder.Expected.Length).Should().Equal(fixture.Builder.Expected);

        // dd reads the same bytes back (an independent reader of the offsets).
        var dd = fixture.Dir["imga.dd"];
        ExternalTool.Check("dd", $"if={fixture.RawPath}", $"of={dd}", "bs=512", $"skip={rootfs.FirstLba}", $"count={fixture.RootfsBytes.Length / 512}", "status=none");
        File.ReadAllBytes(dd).Should().Equal(fixture.RootfsBytes);

        new FileInfo(fixture.RawPath).Length.Should().Be(fixture.Plan.TotalSize);
        DiskImageAssert.AllocatedBytes(fixture.RawPath).Should().BeLessThan(fixture.Plan.TotalSize / 4, "zero regions and empty partitions are holes");
    }

    [Fact]
    public void Raw_image_is_deterministic()
    {
        var again = fixture.Dir["again.raw"];
        DiskWriter.Write(fixture.Plan, again, DiskFormat.Raw);
        File.ReadAllBytes(again).AsSpan().SequenceEqual(File.ReadAllBytes(fixture.RawPath)).Should().BeTrue();
    }

    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            RootfsBytes = TestContent.Bytes(5 * (int)MiB + 512, seed: 7, zeroEvery: (int)MiB, zeroLength: 300_000, textLike: true);
            var rootfs = TestContent.File(Dir["rootfs.img"], RootfsBytes.Length, seed: 7, zeroEvery: (int)MiB, zeroLength: 300_000, textLike: true);
            Builder = new PatternBuilder(3 * (int)MiB, seed: 11);
            Plan = new DiskLayout(PartitionTableType.Gpt)
            {
                Seed = "format-tests",
                TotalSize = 100 * MiB,
                Partitions =
                {
                    new PartitionSpec("EFI System", "esp", 8 * MiB, Builder) { Bootable = true },
                    new PartitionSpec("IMGA", "coreos-usr", 10 * MiB, new HostFileContent(rootfs)) { Number = 2 },
                    new PartitionSpec("IMGB", "coreos-usr", 10 * MiB) { Number = 3 },
                    new PartitionSpec("P3", "eve-persist", null, new BytesContent(TestContent.Bytes(70_000, 3))) { Number = 9, Grow = true },
                },
            }.ComputeLayout();
            DiskWriter.Write(Plan, RawPath, DiskFormat.Raw);
        }

        public TempDirectory Dir { get; } = new();

        public byte[] RootfsBytes { get; }

        public PatternBuilder Builder { get; }

        public DiskPlan Plan { get; }

        public string RawPath => Dir["disk.raw"];

        public void Dispose() => Dir.Dispose();
    }
}
