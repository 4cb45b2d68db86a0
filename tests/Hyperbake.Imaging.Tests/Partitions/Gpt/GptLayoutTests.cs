using System.Text.Json;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Imaging.Tests.Disks;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;
using static Hyperbake.Imaging.Disks.ByteSize;

namespace Hyperbake.Imaging.Tests.Partitions.Gpt;

public sealed class GptLayoutTests
{
    private static readonly Guid DiskGuid = new("ad6871ee-31f9-4cf3-9e09-6f7a25c30050");

    private static Guid Eve(int last) => new($"ad6871ee-31f9-4cf3-9e09-6f7a25c300{last:D2}");

    /// <summary>EVE's live.raw at HEAD (eve-layout.md §1.10): efi efi_b conf imga, on-disk order p1, p7, p4, p2.</summary>
    private static DiskLayout EveLive(PartitionContent? imga = null) => new(PartitionTableType.Gpt)
    {
        DiskGuid = DiskGuid,
        TotalSize = 14351 * MiB,
        Partitions =
        {
            new PartitionSpec("EFI System", GptTypes.EfiSystem, 2 * GiB) { Number = 1, UniqueGuid = Eve(51), Bootable = true },
            new PartitionSpec("EFI System", "esp", 2 * GiB) { Number = 7, UniqueGuid = Eve(56) },
            new PartitionSpec("CONFIG", GptTypes.EveConfig, 5 * MiB) { Number = 4, UniqueGuid = Eve(54) },
            new PartitionSpec("IMGA", GptTypes.CoreOsUsr, 10 * GiB, imga) { Number = 2, UniqueGuid = Eve(52), Attributes = GptAttributes.GptPrio(2, 0, true) },
        },
    };

    [Fact]
    public void Eve_live_layout_matches_make_raw_sector_for_sector()
    {
        using var dir = new TempDirectory();
        var path = dir["live.raw"];
        var plan = EveLive().ComputeLayout();
        DiskWriter.Write(plan, path, DiskFormat.Raw);

        DiskImageAssert.SgdiskClean(path);
        var print = ExternalTool.Check("sgdisk", "-p", path).StdOut;
        print.Should().Contain("29390848 sectors").And.Contain("last usable sector is 29390814");
        print.Should().Contain("Disk identifier (GUID): AD6871EE-31F9-4CF3-9E09-6F7A25C30050");

        var table = ExternalTool.Check("sgdisk", "-p", path).StdOut.Split('\n')
            .SkipWhile(l => !l.StartsWith("Number", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (f[0], f[1], f[2])).ToList();
        table.Should().Equal(
            ("1", "2048", "4196351"),
            ("2", "8400896", "29372415"),
            ("4", "8390656", "8400895"),
            ("7", "4196352", "8390655"));

        var imga = ExternalTool.Check("sgdisk", "-i", "2", path).StdOut;
        imga.Should().Contain("Partition GUID code: 5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6")
            .And.Contain("Partition unique GUID: AD6871EE-31F9-4CF3-9E09-6F7A25C30052")
            .And.Contain("Attribute flags: 0102000000000000")
            .And.Contain("Partition name: 'IMGA'");
        ExternalTool.Check("sgdisk", "-i", "1", path).StdOut.Should().Contain("Attribute flags: 0000000000000004");

        // Only the tables are stored: a 14 GiB image occupies a few KiB.
        DiskImageAssert.AllocatedBytes(path).Should().BeLessThan(1 * MiB);
    }

    [Fact]
    public void Sfdisk_reads_back_every_field()
    {
        using var dir = new TempDirectory();
        var path = dir["disk.raw"];
        var plan = new DiskLayout(PartitionTableType.Gpt)
        {
            DiskGuid = DiskGuid,
            Partitions =
            {
                new PartitionSpec("EFI", "esp", 8 * MiB) { UniqueGuid = Eve(1), Bootable = true },
                new PartitionSpec("root-ünïcødé", "linux-root-x86-64", 4 * MiB) { UniqueGuid = Eve(2), Attributes = GptAttributes.RequiredPartition },
                new PartitionSpec("data", "microsoft-basic-data", 3 * MiB) { UniqueGuid = Eve(3) },
                new PartitionSpec("xen", "xen", 1 * MiB), // derived unique GUID
            },
        }.ComputeLayout();
        DiskWriter.Write(plan, path, DiskFormat.Raw);
        DiskImageAssert.SgdiskClean(path);

        using var json = JsonDocument.Parse(ExternalTool.Check("sfdisk", "--json", path).StdOut);
        var pt = json.RootElement.GetProperty("partitiontable");
        pt.GetProperty("label").GetString().Should().Be("gpt");
        pt.GetProperty("id").GetString().Should().Be("AD6871EE-31F9-4CF3-9E09-6F7A25C30050");
        pt.GetProperty("firstlba").GetInt64().Should().Be(34);
        pt.GetProperty("lastlba").GetInt64().Should().Be(plan.TotalSectors - 34);
        var parts = pt.GetProperty("partitions").EnumerateArray().ToList();
        parts.Should().HaveCount(4);
        for (var i = 0; i < 4; i++)
        {
            var expected = plan.Partitions[i];
            parts[i].GetProperty("start").GetInt64().Should().Be(expected.FirstLba);
            parts[i].GetProperty("size").GetInt64().Should().Be(expected.Size / 512);
            parts[i].GetProperty("type").GetString().Should().Be(expected.TypeGuid!.Value.ToString().ToUpperInvariant());
            parts[i].GetProperty("uuid").GetString().Should().Be(expected.UniqueGuid!.Value.ToString().ToUpperInvariant());
            parts[i].GetProperty("name").GetString().Should().Be(expected.Name);
        }

        parts[0].GetProperty("attrs").GetString().Should().Be("LegacyBIOSBootable");
        parts[1].GetProperty("attrs").GetString().Should().Be("RequiredPartition");
        parts[0].GetProperty("start").GetInt64().Should().Be(2048, "partitions are 1 MiB aligned by default");
    }

    [Fact]
    public void Sfdisk_dump_matches_golden_text()
    {
        using var dir = new TempDirectory();
        var path = dir["golden.raw"];
        var plan = new DiskLayout(PartitionTableType.Gpt)
        {
            DiskGuid = DiskGuid,
            TotalSize = 64 * MiB,
            Partitions =
            {
                new PartitionSpec("EFI System", "efi", 16 * MiB) { UniqueGuid = Eve(51), Bootable = true },
                new PartitionSpec("IMGA", GptTypes.CoreOsUsr, 20 * MiB) { Number = 2, UniqueGuid = Eve(52), Attributes = GptAttributes.GptPrio(2, 0, true) },
                new PartitionSpec("CONFIG", GptTypes.EveConfig, 1 * MiB) { Number = 4, UniqueGuid = Eve(54) },
                new PartitionSpec("P3", GptTypes.EvePersist, null, new BytesContent(new byte[1000])) { Number = 9, UniqueGuid = Eve(59), Grow = true },
            },
        }.ComputeLayout();
        DiskWriter.Write(plan, path, DiskFormat.Raw);
        DiskImageAssert.SgdiskClean(path);

        var dump = ExternalTool.Check("sfdisk", "-d", path).StdOut.Replace(path, "IMAGE", StringComparison.Ordinal);
        dump.Should().Be(
            """
            label: gpt
            label-id: AD6871EE-31F9-4CF3-9E09-6F7A25C30050
            device: IMAGE
            unit: sectors
            first-lba: 34
            last-lba: 131038
            sector-size: 512

            IMAGE1 : start=        2048, size=       32768, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=AD6871EE-31F9-4CF3-9E09-6F7A25C30051, name="EFI System", attrs="LegacyBIOSBootable"
            IMAGE2 : start=       34816, size=       40960, type=5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6, uuid=AD6871EE-31F9-4CF3-9E09-6F7A25C30052, name="IMGA", attrs="GUID:49,56"
            IMAGE4 : start=       75776, size=        2048, type=13307E62-CD9C-4920-8F9B-91B45828B798, uuid=AD6871EE-31F9-4CF3-9E09-6F7A25C30054, name="CONFIG"
            IMAGE9 : start=       77824, size=       53215, type=5F24425A-2DFA-11E8-A270-7B663FACCC2C, uuid=AD6871EE-31F9-4CF3-9E09-6F7A25C30059, name="P3"

            """);
    }

    [Fact]
    public void Protective_mbr_covers_the_disk_from_lba_1()
    {
        var small = new GptPartitionTable(131072, DiskGuid).GetPrimaryBytes();
        small[446 + 4].Should().Be(0xEE);
        BitConverter.ToUInt32(small, 446 + 8).Should().Be(1);
        BitConverter.ToUInt32(small, 446 + 12).Should().Be(131071);
        small[446].Should().Be(0, "the protective entry is not active");
        small.AsSpan(446 + 16, 48).ToArray().Should().OnlyContain(b => b == 0, "there is exactly one entry");
        small[510].Should().Be(0x55);
        small[511].Should().Be(0xAA);

        var huge = new GptPartitionTable(3L * 1024 * 1024 * 1024 * 2, DiskGuid).GetPrimaryBytes(); // 3 TiB
        BitConverter.ToUInt32(huge, 446 + 12).Should().Be(0xFFFFFFFF);
    }

    [Fact]
    public void Guids_are_written_mixed_endian()
    {
        var bytes = new GptPartitionTable(131072, DiskGuid).GetPrimaryBytes();
        bytes.AsSpan(512 + GptHeader.FieldLocations.DiskGuid, 16).ToArray().Should().Equal(
            0xEE, 0x71, 0x68, 0xAD, 0xF9, 0x31, 0xF3, 0x4C, 0x9E, 0x09, 0x6F, 0x7A, 0x25, 0xC3, 0x00, 0x50);
    }

    [Fact]
    public void Derived_guids_are_stable_and_distinct()
    {
        PartitionSpec[] Parts() => [new("A", "linux", MiB), new("B", "linux", MiB)];
        var one = new DiskLayout(PartitionTableType.Gpt) { Seed = "recipe-1", Partitions = [.. Parts()] }.ComputeLayout();
        var two = new DiskLayout(PartitionTableType.Gpt) { Seed = "recipe-1", Partitions = [.. Parts()] }.ComputeLayout();
        var other = new DiskLayout(PartitionTableType.Gpt) { Seed = "recipe-2", Partitions = [.. Parts()] }.ComputeLayout();

        two.DiskGuid.Should().Be(one.DiskGuid!.Value);
        two.Partitions.Select(p => p.UniqueGuid).Should().Equal(one.Partitions.Select(p => p.UniqueGuid));
        one.Partitions[0].UniqueGuid.Should().NotBe(one.Partitions[1].UniqueGuid!.Value);
        other.DiskGuid.Should().NotBe(one.DiskGuid!.Value);
        one.DiskGuid!.Value.ToString()[14].Should().Be('8', "derived GUIDs are RFC 9562 version 8");
    }
}
