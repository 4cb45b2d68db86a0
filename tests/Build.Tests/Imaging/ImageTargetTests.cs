using System.Text.Json;
using Build.Tests.Fixtures;
using Hyperbake.Testing;

namespace Build.Tests.Imaging;

/// <summary>
/// <c>--target=Image</c> with a genimage-like layout: GPT, an ESP built as FAT32 from a folder, a
/// rootfs built as ext4 from a tar, a prebuilt image and a partition growing to the end; checked
/// with sgdisk and sfdisk, each partition's content taken out and compared with what went in.
/// </summary>
public sealed class ImageTargetTests
{
    private const string Epoch = "--source-date-epoch=1700000000";
    private const string DiskGuid = "6A1C9A2E-0D4B-4F7E-9C61-3F1F0C2B7A10";
    private const string RootfsGuid = "0B0E6F6A-1C2D-4E5F-8A9B-0C1D2E3F4A5B";

    private const string Layout = """
        # genimage-like: ESP from a folder, rootfs from a tar, a prebuilt image, data to the end
        table: gpt
        disk-guid: 6a1c9a2e-0d4b-4f7e-9c61-3f1f0c2b7a10
        size: 96MiB
        partitions:
          - name: esp
            type: esp
            size: 40MiB
            bootable: true
            filesystem:
              type: fat32
              from: esp
              label: HVESP
          - name: rootfs
            type: linux-root-x86-64
            uuid: 0b0e6f6a-1c2d-4e5f-8a9b-0c1d2e3f4a5b
            filesystem: {type: ext4, from: rootfs.tar, label: rootfs}
          - name: blob
            type: 0FC63DAF-8483-4772-8E79-3D69D8477DE4
            image: images/blob.img
          - name: data
            type: linux
            attributes: [required, 60]
            grow: true
        """;

    [Fact]
    public void A_genimage_like_layout_gives_a_valid_gpt_whose_partitions_hold_what_went_in()
    {
        using var fixture = new BuildFixture();
        var inputs = Inputs(fixture);
        var disk = fixture.Root["out/disk.img"];

        fixture.Run("--target=Image", "--layout=" + inputs.Layout, "--out=" + disk, Epoch).Should().Be(0, fixture.Output);

        File.Exists(disk + ".partial").Should().BeFalse();
        fixture.Output.Should().NotContain("content\n", "the layout table is printed at verbose level only");
        new FileInfo(disk).Length.Should().Be(96 << 20);
        ExternalTool.Check("sgdisk", "-v", disk).StdOut.Should().Contain("No problems found");
        var table = SfdiskTable(disk);
        table.GetProperty("label").GetString().Should().Be("gpt");
        table.GetProperty("id").GetString().Should().Be(DiskGuid);
        var parts = table.GetProperty("partitions").EnumerateArray().ToList();
        parts.Select(p => p.GetProperty("name").GetString()).Should().Equal("esp", "rootfs", "blob", "data");
        parts.Select(p => p.GetProperty("type").GetString()).Should().Equal(
            "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "0FC63DAF-8483-4772-8E79-3D69D8477DE4");
        parts[0].GetProperty("attrs").GetString().Should().Contain("LegacyBIOSBootable");
        parts[1].GetProperty("uuid").GetString().Should().Be(RootfsGuid);
        parts[3].GetProperty("attrs").GetString().Should().Contain("RequiredPartition").And.Contain("GUID:60");
        parts.Should().OnlyContain(p => p.GetProperty("start").GetInt64() % 2048 == 0, "partitions start on the 1 MiB alignment");
        parts[0].GetProperty("size").GetInt64().Should().Be(40 * 2048);
        var data = parts[3];
        (data.GetProperty("start").GetInt64() + data.GetProperty("size").GetInt64() - 1).Should().Be(table.GetProperty("lastlba").GetInt64(), "data grows to the last usable sector");

        var esp = Extract(disk, parts[0], fixture.Root["esp.part"]);
        var fsck = ExternalTool.Run("fsck.vfat", "-n", "-v", esp);
        fsck.ExitCode.Should().Be(0, fsck.Output);
        fsck.StdOut.Should().Contain("32 bit entries");
        var espOut = Directory.CreateDirectory(fixture.Root["esp.out"]).FullName;
        ExternalTool.Check("mcopy", "-s", "-i", esp, "::*", espOut + "/");
        TreeSnapshot.Of(espOut).Should().Equal(TreeSnapshot.Of(inputs.Esp));

        var rootfs = Extract(disk, parts[1], fixture.Root["rootfs.part"]);
        var e2fsck = ExternalTool.Run("e2fsck", "-fn", rootfs);
        e2fsck.ExitCode.Should().Be(0, e2fsck.Output);
        var rootfsOut = Directory.CreateDirectory(fixture.Root["rootfs.out"]).FullName;
        ExternalTool.Check("debugfs", "-R", $"rdump / {rootfsOut}", rootfs);
        TreeSnapshot.Of(rootfsOut, "lost+found").Should().Equal(TreeSnapshot.Of(inputs.Rootfs));

        var blob = File.ReadAllBytes(Extract(disk, parts[2], fixture.Root["blob.part"]));
        var expected = File.ReadAllBytes(inputs.Blob);
        blob.Length.Should().Be(1 << 20, "the partition is the image rounded up to the alignment");
        blob.AsSpan(0, expected.Length).SequenceEqual(expected).Should().BeTrue();
        blob.AsSpan(expected.Length).ContainsAnyExcept((byte)0).Should().BeFalse();
    }

    [Fact]
    public void Qcow2_vhdx_vdi_and_vmdk_hold_the_same_disk_as_raw_and_two_runs_are_identical()
    {
        using var fixture = new BuildFixture();
        var inputs = Inputs(fixture);
        var raw = fixture.Root["out/disk.raw"];
        var again = fixture.Root["again/disk.qcow2"];
        var outputs = new (string Path, string[] Options, string Format)[]
        {
            (fixture.Root["out/disk.qcow2"], [], "qcow2"),
            (fixture.Root["out/disk.img"], ["--format=vhdx"], "vhdx"),
            (fixture.Root["out/disk.vdi"], [], "vdi"),
            (fixture.Root["out/disk.vmdk"], [], "vmdk"),
            (fixture.Root["out/stream.vmdk"], ["--format=vmdk-stream"], "vmdk"),
        };

        fixture.Run("--target=Image", "--layout=" + inputs.Layout, "--out=" + raw, Epoch).Should().Be(0, fixture.Output);
        foreach (var (path, options, format) in outputs)
        {
            fixture.Run(["--target=Image", "--layout=" + inputs.Layout, "--out=" + path, Epoch, .. options]).Should().Be(0, fixture.Output);

            ExternalTool.Check("qemu-img", "info", path).StdOut.Should().Contain("file format: " + format);
            ExternalTool.Check("qemu-img", "check", "-f", format, path);
            ExternalTool.Check("qemu-img", "compare", "-f", format, "-F", "raw", path, raw).StdOut.Should().Contain("Images are identical", path);
        }

        ExternalTool.Check("qemu-img", "check", "-f", "qcow2", outputs[0].Path).StdOut.Should().Contain("No errors were found");
        ExternalTool.Check("qemu-img", "info", outputs[4].Path).StdOut.Should().Contain("streamOptimized");
        fixture.Run("--target=Image", "--layout=" + inputs.Layout, "--out=" + again, Epoch).Should().Be(0, fixture.Output);
        File.ReadAllBytes(again).Should().Equal(File.ReadAllBytes(outputs[0].Path), "two runs on the same inputs give identical bytes");
    }

    [Fact]
    public void Plan_prints_the_layout_and_the_total_size_and_writes_nothing()
    {
        using var fixture = new BuildFixture();
        var inputs = Inputs(fixture);

        fixture.Run("--target=Image", "--layout=" + inputs.Layout, "--out=out/disk.img", "--plan", Epoch).Should().Be(0, fixture.Output);

        fixture.Output.Should().Contain($"GPT disk of 96 MiB (100,663,296 bytes), 196608 sectors, disk GUID {DiskGuid.ToLowerInvariant()}");
        fixture.Output.Should().MatchRegex(@"1 +esp +0x100000 +0x2900000 +40MiB +C12A7328-F81F-11D2-BA4B-00A0C93EC93B +fat32 image of esp");
        fixture.Output.Should().MatchRegex(@"3 +blob .* image images/blob\.img");
        fixture.Output.Should().MatchRegex(@"4 +data .* \(empty\)");
        fixture.Output.Should().Contain("Total size: 96 MiB (100,663,296 bytes)");
        Directory.Exists(fixture.Root["out"]).Should().BeFalse();
    }

    [Fact]
    public void The_computed_layout_is_printed_at_verbose_level_and_a_disk_without_size_is_computed()
    {
        using var fixture = new BuildFixture();
        var inputs = Inputs(fixture);
        File.WriteAllText(inputs.Layout, """
            table: mbr
            disk-id: 0x1234abcd
            partitions:
              - {name: boot, type: fat32, bootable: true, filesystem: {type: fat, from: esp}}
              - {name: blob, type: 0x83, image: images/blob.img}
            """);
        var disk = fixture.Root["out/disk.img"];

        fixture.Run("--target=Image", "--layout=work/layout.yaml", "--out=" + disk, "--verbosity=verbose", Epoch).Should().Be(0, fixture.Output);

        fixture.Output.Should().Contain("work/layout.yaml: MBR disk of").And.Contain("disk id 0x1234abcd");
        fixture.Output.Should().MatchRegex(@"1 +boot +0x100000 .* +0x0C +fat image of esp");
        var table = SfdiskTable(disk);
        table.GetProperty("label").GetString().Should().Be("dos");
        table.GetProperty("id").GetString().Should().Be("0x1234abcd");
        var parts = table.GetProperty("partitions").EnumerateArray().ToList();
        parts.Select(p => p.GetProperty("type").GetString()).Should().Equal("c", "83");
        parts[0].GetProperty("bootable").GetBoolean().Should().BeTrue();
        var lastEnd = (parts[1].GetProperty("start").GetInt64() + parts[1].GetProperty("size").GetInt64()) * 512;
        new FileInfo(disk).Length.Should().Be(lastEnd, "a disk without a size is just large enough");
        var fsck = ExternalTool.Run("fsck.vfat", "-n", Extract(disk, parts[0], fixture.Root["boot.part"]));
        fsck.ExitCode.Should().Be(0, fsck.Output);
    }

    [Fact]
    public void A_hybrid_layout_mirrors_the_marked_partition_into_the_mbr()
    {
        using var fixture = new BuildFixture();
        var inputs = Inputs(fixture);
        File.WriteAllText(inputs.Layout, """
            table: hybrid
            partitions:
              - {name: boot, type: esp, hybrid: true, bootable: true, filesystem: {type: fat, from: esp}}
              - {name: root, type: linux, number: 3, filesystem: {type: squashfs, from: rootfs.tar}}
            """);
        var disk = fixture.Root["out/disk.img"];

        fixture.Run("--target=Image", "--layout=" + inputs.Layout, "--out=" + disk, Epoch).Should().Be(0, fixture.Output);

        ExternalTool.Check("sgdisk", "-v", disk).StdOut.Should().Contain("No problems found");
        SfdiskTable(disk).GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("node").GetString()).Should().Equal(disk + "1", disk + "3");
        var mbr = ExternalTool.Check("fdisk", "-l", "-t", "dos", disk).StdOut;
        mbr.Should().MatchRegex(@"disk\.img1 +\* +2048 +\d+ +\d+ +\S+ +ef ");
        mbr.Should().MatchRegex(@"disk\.img2 +1 +2047 +2047 +\S+ +ee ");
    }

    [Theory]
    [InlineData("partitions:\n  - name: esp\n    sise: 10MiB\n", "layout.yaml:3: unknown key 'sise' in a partition. Allowed keys: name, type, number,")]
    [InlineData("tabel: gpt\npartitions:\n  - name: esp\n", "layout.yaml:1: unknown key 'tabel' in the layout. Allowed keys: table,")]
    [InlineData("partitions:\n  - name: root\n    filesystem:\n      type: ext4\n      from: rootfs.tar\n      lable: x\n", "layout.yaml:6: unknown key 'lable' in a filesystem. Allowed keys: type, from, label,")]
    [InlineData("partitions:\n  - name: blob\n    image: nothere.img\n", "layout.yaml:3: 'image: nothere.img': no such file (")]
    [InlineData("partitions:\n  - name: root\n    filesystem: {type: ext4, from: nothere}\n", "layout.yaml:3: from: nothere: no such folder or file (")]
    [InlineData("partitions:\n  - name: root\n    size: 1MiB\n    filesystem: {type: ext4, from: rootfs.tar}\n", "layout.yaml:3: partition 'root' is 1 MiB (1,048,576 bytes) but its ext4 image of rootfs.tar needs at least 8,388,608 bytes. Raise its size to at least 8MiB, or leave 'size' out to fit the content.")]
    [InlineData("partitions:\n  - name: blob\n    size: 512K\n    image: images/blob.img\n", "layout.yaml:3: partition 'blob' is 512 KiB (524,288 bytes) but its image images/blob.img is 700,000 bytes. Raise its size to at least 1MiB, or leave 'size' out to fit the content.")]
    [InlineData("partitions:\n  - name: root\n    filesystem: {type: ext4, from: rootfs.tar, size: 2M}\n", "layout.yaml:3: size: 2MiB is too small for the ext4 image of rootfs.tar: it needs at least 8,388,608 bytes")]
    [InlineData("table: apm\npartitions:\n  - name: esp\n", "layout.yaml:1: 'table: apm' is not a partition table type. Use gpt, mbr or hybrid.")]
    [InlineData("partitions:\n  - name: esp\n    type: espp\n    size: 1MiB\n", "layout.yaml:3: Unknown partition type 'espp'.")]
    [InlineData("partitions:\n  - name: data\n    grow: true\n", "layout.yaml:2: partition 'data' has 'grow: true' but the disk has no 'size' to grow into.")]
    [InlineData("partitions:\n  - name: root\n    filesystem: {type: tar, from: rootfs.tar}\n", "layout.yaml:3: 'type: tar' is an archive, not a filesystem a partition can hold.")]
    [InlineData("size: 2MiB\npartitions:\n  - name: a\n    size: 4MiB\n", "layout.yaml: The partitions need 5,259,776 bytes (including the partition tables) but the disk is 2 MiB (2,097,152 bytes). Increase the layout's 'size' to at least 6,291,456 bytes.")]
    [InlineData("partitions:\n  - name: a\n    size: 1MiB\n    start: 1000K\n", "layout.yaml:2: Partition 'a' starts at 1,024,000 bytes, which is not a multiple of the 1 MiB (1,048,576 bytes) alignment.")]
    [InlineData("partitions:\n  - name: a\n    size: 1MiB\n  - name: a\n    size: 1MiB\n", "layout.yaml:4: two partitions are named 'a'.")]
    [InlineData("partitions: [\n", "layout.yaml:")]
    public void Bad_layouts_fail_with_file_and_line_and_leave_nothing(string yaml, string message)
    {
        using var fixture = new BuildFixture();
        var inputs = Inputs(fixture);
        File.WriteAllText(inputs.Layout, yaml);

        fixture.Run("--target=Image", "--layout=work/layout.yaml", "--out=out/disk.img", Epoch).Should().NotBe(0);

        fixture.Output.Should().Contain("Error: work/" + message);
        Directory.Exists(fixture.Root["out"]).Should().BeFalse("a failed run writes nothing, not even a .partial file");
    }

    [Fact]
    public void A_missing_layout_and_an_unknown_format_are_named()
    {
        using var fixture = new BuildFixture();

        fixture.Run("--target=Image", "--layout=nothere.yaml", "--out=out/disk.img", Epoch).Should().NotBe(0);
        fixture.Output.Should().Contain("Error: --layout=nothere.yaml: no such file (");

        fixture.Run("--target=Image", "--layout=nothere.yaml", "--out=out/disk.img", "--format=vhd", Epoch).Should().NotBe(0);
        fixture.Output.Should().Contain("Error: --format=vhd is not a disk format. Use one of: raw, qcow2, vhdx, vdi, vmdk, vmdk-stream");
        Directory.Exists(fixture.Root["out"]).Should().BeFalse();
    }

    private static (string Layout, string Esp, string Rootfs, string Blob) Inputs(BuildFixture fixture)
    {
        var work = Directory.CreateDirectory(fixture.Root["work"]).FullName;
        var esp = Directory.CreateDirectory(Path.Combine(work, "esp", "EFI", "BOOT")).FullName;
        File.WriteAllText(Path.Combine(esp, "BOOTX64.EFI"), "loader");
        File.WriteAllText(Path.Combine(work, "esp", "grub.cfg"), "set timeout=3\n");
        var rootfs = AwkwardFolder.Create(fixture.Root["rootfs-src"]);
        ExternalTool.Check("tar", "-cf", Path.Combine(work, "rootfs.tar"), "-C", rootfs, ".");
        var blob = Path.Combine(Directory.CreateDirectory(Path.Combine(work, "images")).FullName, "blob.img");
        var bytes = new byte[700_000];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(blob, bytes);
        var layout = Path.Combine(work, "layout.yaml");
        File.WriteAllText(layout, Layout);
        return (layout, Path.Combine(work, "esp"), rootfs, blob);
    }

    private static JsonElement SfdiskTable(string disk)
    {
        var json = ExternalTool.Check("sfdisk", "--json", disk).StdOut;
        return JsonDocument.Parse(json).RootElement.GetProperty("partitiontable").Clone();
    }

    private static string Extract(string disk, JsonElement partition, string path)
    {
        var start = partition.GetProperty("start").GetInt64() * 512;
        var size = partition.GetProperty("size").GetInt64() * 512;
        using var input = File.OpenRead(disk);
        using var output = File.Create(path);
        input.Position = start;
        var buffer = new byte[1 << 20];
        for (long done = 0; done < size;)
        {
            var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, size - done));
            n.Should().BePositive();
            output.Write(buffer, 0, n);
            done += n;
        }

        return path;
    }
}
