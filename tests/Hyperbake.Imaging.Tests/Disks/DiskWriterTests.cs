using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;
using static Hyperbake.Imaging.Disks.ByteSize;

namespace Hyperbake.Imaging.Tests.Disks;

/// <summary>How <see cref="DiskWriter"/> reads partition files and replaces its output.</summary>
public sealed class DiskWriterTests
{
    [Theory]
    [InlineData(DiskFormat.Raw, "raw")]
    [InlineData(DiskFormat.Qcow2, "qcow2")]
    [InlineData(DiskFormat.Vdi, "vdi")]
    public void Sparse_partition_file_gives_the_same_image_as_its_dense_copy(DiskFormat format, string qemuFormat)
    {
        using var dir = new TempDirectory();
        var content = TestContent.Bytes(6 * (int)MiB, seed: 3);
        content.AsSpan((int)MiB, 3 * (int)MiB).Clear();
        var dense = dir["dense.img"];
        File.WriteAllBytes(dense, content);
        var sparse = dir["sparse.img"];
        using (var f = new FileStream(sparse, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
        {
            f.SetLength(content.Length);
            RandomAccess.Write(f.SafeFileHandle, content.AsSpan(0, (int)MiB), 0);
            RandomAccess.Write(f.SafeFileHandle, content.AsSpan(4 * (int)MiB), 4 * MiB);
        }

        DiskImageAssert.AllocatedBytes(sparse).Should().BeLessThan(content.Length, "the test file really has a hole");
        var fromDense = dir[$"dense.{qemuFormat}"];
        var fromSparse = dir[$"sparse.{qemuFormat}"];
        DiskWriter.Write(Plan(dense), fromDense, format);
        DiskWriter.Write(Plan(sparse), fromSparse, format);

        File.ReadAllBytes(fromSparse).AsSpan().SequenceEqual(File.ReadAllBytes(fromDense)).Should().BeTrue();
        var raw = dir["check.raw"];
        DiskWriter.Write(Plan(dense), raw, DiskFormat.Raw);
        var compare = ExternalTool.Run("qemu-img", "compare", "-f", "raw", "-F", qemuFormat, raw, fromSparse);
        compare.ExitCode.Should().Be(0, compare.Output);
        DiskImageAssert.ReadAt(raw, Plan(dense).Partitions[0].Offset, content.Length).Should().Equal(content);
    }

    [Fact]
    public void An_existing_image_is_replaced_whole()
    {
        using var dir = new TempDirectory();
        var source = TestContent.File(dir["p.img"], 3 * (int)MiB, seed: 9, zeroEvery: (int)MiB, zeroLength: 300_000);
        var path = dir["disk.img"];
        File.WriteAllBytes(path, Enumerable.Repeat((byte)0xAA, 40 * (int)MiB).ToArray());

        DiskWriter.Write(Plan(source), path, DiskFormat.Raw);

        var fresh = dir["fresh.img"];
        DiskWriter.Write(Plan(source), fresh, DiskFormat.Raw);
        File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(fresh)).Should().BeTrue("no byte of the old file survives in the holes");
        Directory.GetFiles(dir.Path).Should().NotContain(f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public void A_partition_file_shorter_than_announced_is_reported()
    {
        using var dir = new TempDirectory();
        var path = TestContent.File(dir["short.img"], (int)MiB, seed: 1);
        var plan = Plan(new HostFileContent(path, 2 * MiB));

        var write = () => DiskWriter.Write(plan, dir["disk.qcow2"], DiskFormat.Qcow2);

        write.Should().Throw<IOException>().WithMessage("Partition 'data' content ended after 1,048,576 bytes; it announced 2,097,152 bytes.");
        File.Exists(dir["disk.qcow2"]).Should().BeFalse();
        File.Exists(dir["disk.qcow2.partial"]).Should().BeFalse();
    }

    private static DiskPlan Plan(string path) => Plan(new HostFileContent(path));

    private static DiskPlan Plan(IContentSource content) => new DiskLayout(PartitionTableType.Gpt)
    {
        Seed = "writer-tests",
        TotalSize = 32 * MiB,
        Partitions = { new PartitionSpec("data", "linux", 8 * MiB, content) },
    }.ComputeLayout();
}
