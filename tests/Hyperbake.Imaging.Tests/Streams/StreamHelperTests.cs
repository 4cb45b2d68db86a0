using Hyperbake.Imaging.Streams;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Streams;

public sealed class StreamHelperTests
{
    [Fact]
    public void Range_set_merges_and_answers_intersections()
    {
        var set = new RangeSet();
        set.Add(0, 10);
        set.Add(20, 30);
        set.Add(10, 15); // touches the first
        set.Ranges.Should().Equal((0L, 15L), (20L, 30L));
        set.Intersects(15, 20).Should().BeFalse();
        set.Intersects(14, 16).Should().BeTrue();
        set.Add(12, 25);
        set.Ranges.Should().Equal((0L, 30L));
    }

    [Fact]
    public void Block_assembler_emits_only_non_zero_blocks_in_order()
    {
        var seen = new List<(long, byte[])>();
        var a = new BlockAssembler(16, 100, (i, b) => seen.Add((i, b.ToArray())));
        a.Write(3, [1, 2]);
        a.Write(16, new byte[16]); // a whole zero block
        a.Write(40, [7]);
        a.Write(96, [9, 9, 9, 9]); // the last, partial block
        a.Flush();
        seen.Select(s => s.Item1).Should().Equal(0, 2, 6);
        seen[0].Item2[3..5].Should().Equal(1, 2);
        seen[1].Item2[8].Should().Be(7);
        seen[2].Item2.Should().Equal([9, 9, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var backwards = () => a.Write(10, [1]);
        backwards.Should().Throw<InvalidOperationException>().WithMessage("*must move forward*");
    }

    [Fact]
    public void Sparse_window_keeps_zero_writes_as_holes_but_honours_rewrites()
    {
        using var dir = new TempDirectory();
        var path = dir["w.img"];
        using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite))
        {
            using var w = new SparseWindowStream(file, 1 << 20, 64 << 20);
            w.Write(new byte[32 << 20]); // zeros: skipped
            w.Position = 0;
            w.Write([1, 2, 3]);
            w.Position = 0;
            w.Write([0, 0]); // zeros over data: written
            w.Position = 0;
            var back = new byte[4];
            w.ReadExactly(back);
            back.Should().Equal(0, 0, 3, 0);
            file.SetLength((1 << 20) + (64 << 20));
        }

        new FileInfo(path).Length.Should().Be(65 << 20);
        DiskImageAssertAllocated(path).Should().BeLessThan(1 << 20);
    }

    [Fact]
    public void Zero_detector_finds_the_last_byte()
    {
        var data = new byte[4096];
        ZeroDetector.IsZero(data).Should().BeTrue();
        data[4095] = 1;
        ZeroDetector.IsZero(data).Should().BeFalse();
    }

    private static long DiskImageAssertAllocated(string path) => Tests.Disks.DiskImageAssert.AllocatedBytes(path);
}
