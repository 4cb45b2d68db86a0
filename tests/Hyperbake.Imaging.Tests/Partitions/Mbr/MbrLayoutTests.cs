using System.Text.Json;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Imaging.Partitions.Mbr;
using Hyperbake.Imaging.Tests.Disks;
using Hyperbake.Testing;
using static Hyperbake.Imaging.Disks.ByteSize;

namespace Hyperbake.Imaging.Tests.Partitions.Mbr;

public sealed class MbrLayoutTests
{
    [Fact]
    public void Classic_mbr_reads_back_in_fdisk_and_sfdisk()
    {
        using var dir = new TempDirectory();
        var path = dir["mbr.raw"];
        var plan = new DiskLayout(PartitionTableType.Mbr)
        {
            DiskSignature = 0x1234ABCD,
            Partitions =
            {
                new PartitionSpec("boot", "fat32", 16 * MiB) { Bootable = true },
                new PartitionSpec("root", "linux", 20 * MiB),
                new PartitionSpec("swap", "swap", 4 * MiB) { Number = 4 },
            },
        }.ComputeLayout();
        plan.TotalSize.Should().Be(41 * MiB, "1 MiB head + 40 MiB of partitions, no backup table");
        DiskWriter.Write(plan, path, DiskFormat.Raw);

        var fdisk = ExternalTool.Check("fdisk", "-l", path).StdOut;
        fdisk.Should().Contain("Disklabel type: dos").And.Contain("Disk identifier: 0x1234abcd");
        fdisk.Should().MatchRegex(@"mbr\.raw1 \*\s+2048\s+34815\s+32768\s+16M\s+c W95 FAT32 \(LBA\)");
        fdisk.Should().MatchRegex(@"mbr\.raw2\s+34816\s+75775\s+40960\s+20M\s+83 Linux");
        fdisk.Should().MatchRegex(@"mbr\.raw4\s+75776\s+83967\s+8192\s+4M\s+82 Linux swap");
        fdisk.Should().NotContain("mbr.raw3");

        using var json = JsonDocument.Parse(ExternalTool.Check("sfdisk", "--json", path).StdOut);
        var parts = json.RootElement.GetProperty("partitiontable").GetProperty("partitions").EnumerateArray().ToList();
        parts.Select(p => p.GetProperty("type").GetString()).Should().Equal("c", "83", "82");
        parts[0].GetProperty("bootable").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Chs_fields_follow_the_255_head_63_sector_convention()
    {
        var bytes = new byte[16];
        new MbrPartitionEntry(0x83, 2048, 32768).WriteTo(bytes);
        bytes[1..4].Should().Equal(0x20, 0x21, 0x00); // LBA 2048 = C0 H32 S33
        new MbrPartitionEntry(0x83, 20_000_000, 2048).WriteTo(bytes);
        bytes[1..4].Should().Equal([0xFE, 0xFF, 0xFF], "beyond 1023 cylinders tools write 1023/254/63");
    }

    [Fact]
    public void Eve_hybrid_mbr_has_the_esp_first_then_the_protective_entry()
    {
        using var dir = new TempDirectory();
        var path = dir["hybrid.raw"];
        var plan = new DiskLayout(PartitionTableType.Hybrid)
        {
            Seed = "hybrid-test",
            Partitions =
            {
                new PartitionSpec("EFI System", "esp", 36 * MiB) { Bootable = true, InHybridMbr = true, MbrType = MbrPartitionTypes.Fat32Lba },
                new PartitionSpec("IMGA", GptTypes.CoreOsUsr, 30 * MiB) { Number = 2 },
                new PartitionSpec("CONFIG", "microsoft-basic-data", 1 * MiB) { Number = 4, InHybridMbr = true },
            },
        }.ComputeLayout();
        DiskWriter.Write(plan, path, DiskFormat.Raw);

        DiskImageAssert.SgdiskClean(path);
        var gdisk = ExternalTool.Check("gdisk", "-l", path).Output;
        gdisk.Should().Contain("MBR: hybrid").And.Contain("Found valid GPT with hybrid MBR");

        var fdisk = ExternalTool.Check("fdisk", "-l", "-t", "dos", path).StdOut;
        fdisk.Should().MatchRegex(@"hybrid\.raw1 \*\s+2048\s+75775\s+73728\s+36M\s+c W95 FAT32 \(LBA\)");
        fdisk.Should().MatchRegex(@"hybrid\.raw2\s+137216\s+139263\s+2048\s+1M\s+7 HPFS/NTFS/exFAT");
        fdisk.Should().MatchRegex(@"hybrid\.raw3\s+1\s+2047\s+2047\s+1023.5K\s+ee GPT");

        // The GPT view is unchanged: three partitions with their GPT types.
        var gpt = ExternalTool.Check("sfdisk", "-d", path).StdOut;
        gpt.Should().Contain("label: gpt").And.Contain("type=5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6");
    }

    [Fact]
    public void Hybrid_protective_entry_can_come_first()
    {
        using var dir = new TempDirectory();
        var path = dir["hybrid1.raw"];
        var plan = new DiskLayout(PartitionTableType.Hybrid)
        {
            HybridProtectiveEntryFirst = true,
            Partitions = { new PartitionSpec("boot", "esp", 8 * MiB) { InHybridMbr = true } },
        }.ComputeLayout();
        DiskWriter.Write(plan, path, DiskFormat.Raw);
        DiskImageAssert.SgdiskClean(path);
        var fdisk = ExternalTool.Check("fdisk", "-l", "-t", "dos", path).StdOut;
        fdisk.Should().MatchRegex(@"hybrid1\.raw1\s+1\s+2047\s+2047\s+1023.5K\s+ee GPT");
        fdisk.Should().MatchRegex(@"hybrid1\.raw2\s+2048\s+18431\s+16384\s+8M\s+ef EFI");
    }
}
