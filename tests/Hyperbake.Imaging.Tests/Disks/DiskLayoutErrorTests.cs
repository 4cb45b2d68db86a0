using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Trees;
using static Hyperbake.Imaging.Disks.ByteSize;

namespace Hyperbake.Imaging.Tests.Disks;

public sealed class DiskLayoutErrorTests
{
    private static DiskLayoutException Fails(DiskLayout layout)
    {
        var act = () => layout.ComputeLayout();
        return act.Should().Throw<DiskLayoutException>().Which;
    }

    [Fact]
    public void Content_that_does_not_fit_is_reported()
    {
        var content = new DelegateContent(320_000_000, () => Stream.Null);
        Fails(new DiskLayout(PartitionTableType.Gpt) { Partitions = { new PartitionSpec("IMGA", "coreos-usr", 300 * MiB, content) } })
            .Message.Should().Be("Partition 'IMGA' content is 320,000,000 bytes but the partition is 300 MiB (314,572,800 bytes); increase its size.");
    }

    [Fact]
    public void Too_small_disk_says_how_big_it_must_be()
    {
        Fails(new DiskLayout(PartitionTableType.Gpt) { TotalSize = 10 * MiB, Partitions = { new PartitionSpec("root", "linux", 10 * MiB) } })
            .Message.Should().Be("The partitions need 11,551,232 bytes (including the partition tables) but the disk is 10 MiB (10,485,760 bytes). Increase DiskLayout.TotalSize to at least 12,582,912 bytes.");
    }

    [Fact]
    public void Two_grow_partitions_are_rejected()
    {
        Fails(new DiskLayout(PartitionTableType.Gpt)
        {
            TotalSize = 64 * MiB,
            Partitions = { new PartitionSpec("a", "linux") { Grow = true }, new PartitionSpec("b", "linux") { Grow = true } },
        }).Message.Should().Be("Partitions 'a' and 'b' both grow to fill the disk; only the last partition may grow. Give 'a' a Size.");
    }

    [Fact]
    public void Grow_must_be_last_and_needs_a_disk_size()
    {
        Fails(new DiskLayout(PartitionTableType.Gpt)
        {
            TotalSize = 64 * MiB,
            Partitions = { new PartitionSpec("a", "linux") { Grow = true }, new PartitionSpec("b", "linux", MiB) },
        }).Message.Should().Contain("'a' grows to fill the disk but is not the last partition");
        Fails(new DiskLayout(PartitionTableType.Gpt) { Partitions = { new PartitionSpec("a", "linux") { Grow = true } } })
            .Message.Should().Contain("the disk has no TotalSize");
    }

    [Fact]
    public void Misaligned_start_and_size_are_rejected()
    {
        Fails(new DiskLayout(PartitionTableType.Gpt) { Partitions = { new PartitionSpec("a", "linux", MiB) { Start = 1_000_000 } } })
            .Message.Should().Be("Partition 'a' starts at 1,000,000 bytes, which is not a multiple of the 1 MiB (1,048,576 bytes) alignment. Use 1,048,576 bytes or change DiskLayout.Alignment.");
        Fails(new DiskLayout(PartitionTableType.Gpt) { Partitions = { new PartitionSpec("a", "linux", 1000) } })
            .Message.Should().Be("Partition 'a' has size 1,000 bytes, which is not a positive multiple of the 512-byte sector. Use 1,024 bytes.");
        Fails(new DiskLayout(PartitionTableType.Gpt) { Alignment = 1000, Partitions = { new PartitionSpec("a", "linux", MiB) } })
            .Message.Should().Contain("alignment is 1,000 bytes");
    }

    [Fact]
    public void Overlapping_fixed_start_is_rejected()
    {
        Fails(new DiskLayout(PartitionTableType.Gpt)
        {
            Partitions = { new PartitionSpec("a", "linux", 4 * MiB), new PartitionSpec("b", "linux", MiB) { Start = 2 * MiB } },
        }).Message.Should().Be("Partition 'b' starts at 2,097,152 bytes, inside partition 'a', which ends at 5,242,880 bytes. Move it to at least 5,242,880 bytes.");
    }

    [Fact]
    public void Long_names_and_bad_numbers_are_rejected()
    {
        Fails(new DiskLayout(PartitionTableType.Gpt) { Partitions = { new PartitionSpec(new string('n', 37), "linux", MiB) } })
            .Message.Should().Be($"Partition name '{new string('n', 37)}' is 37 UTF-16 code units; a GPT entry holds at most 36. Shorten the name.");
        Fails(new DiskLayout(PartitionTableType.Mbr) { Partitions = { new PartitionSpec("a", "linux", MiB) { Number = 5 } } })
            .Message.Should().Contain("slots 1..4");
        Fails(new DiskLayout(PartitionTableType.Gpt)
        {
            Partitions = { new PartitionSpec("a", "linux", MiB) { Number = 2 }, new PartitionSpec("b", "linux", MiB) { Number = 2 } },
        }).Message.Should().Be("Partitions 'a' and 'b' both ask for number 2. Give each a distinct Number.");
    }

    [Fact]
    public void Types_must_suit_the_table()
    {
        Fails(new DiskLayout(PartitionTableType.Mbr) { Partitions = { new PartitionSpec("a", new Guid("0FC63DAF-8483-4772-8E79-3D69D8477DE4"), MiB) } })
            .Message.Should().Contain("has no MBR equivalent");
        Fails(new DiskLayout(PartitionTableType.Gpt) { Partitions = { new PartitionSpec("a", (byte)0x83, MiB) } })
            .Message.Should().Contain("but the table is GPT");
        Fails(new DiskLayout(PartitionTableType.Hybrid) { Partitions = { new PartitionSpec("a", "linux", MiB) } })
            .Message.Should().Contain("mirrors 1 to 3 GPT partitions");
        var unknown = () => PartitionType.Parse("ext5");
        unknown.Should().Throw<FormatException>().WithMessage("Unknown partition type 'ext5'*esp*linux-root-x86-64*");
    }

    [Fact]
    public void Computed_layout_is_known_before_writing()
    {
        var plan = new DiskLayout(PartitionTableType.Gpt)
        {
            Slack = 10 * MiB,
            Partitions =
            {
                new PartitionSpec("EFI", "esp", 36 * MiB),
                new PartitionSpec("IMGA", "coreos-usr", null, new DelegateContent(3 * MiB + 1, () => Stream.Null)),
            },
        }.ComputeLayout();
        plan.Partitions[1].Offset.Should().Be(37 * MiB);
        plan.Partitions[1].Size.Should().Be(4 * MiB, "a size from content is rounded up to the alignment");
        plan.TotalSize.Should().Be(52 * MiB, "41 MiB of partitions + backup GPT + 10 MiB slack, rounded up to 1 MiB");
        plan.Describe().Should().Contain("IMGA").And.Contain("start        75776");
    }
}
