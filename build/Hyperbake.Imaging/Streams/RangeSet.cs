namespace Hyperbake.Imaging.Streams;

/// <summary>
/// A set of disjoint byte ranges [start, end), kept sorted and merged. Writers touch mostly
/// increasing offsets, so adding at the end is the common, cheap case.
/// </summary>
public sealed class RangeSet
{
    private readonly List<(long Start, long End)> ranges = [];

    public int Count => ranges.Count;

    public IReadOnlyList<(long Start, long End)> Ranges => ranges;

    /// <summary>True when any byte of [start, end) is in the set.</summary>
    public bool Intersects(long start, long end)
    {
        if (start >= end || ranges.Count == 0)
        {
            return false;
        }

        var i = FirstEndingAfter(start);
        return i < ranges.Count && ranges[i].Start < end;
    }

    public void Add(long start, long end)
    {
        if (start >= end)
        {
            return;
        }

        var i = FirstEndingAfter(start - 1); // also merges a range that ends exactly at start
        var j = i;
        while (j < ranges.Count && ranges[j].Start <= end)
        {
            start = Math.Min(start, ranges[j].Start);
            end = Math.Max(end, ranges[j].End);
            j++;
        }

        ranges.RemoveRange(i, j - i);
        ranges.Insert(i, (start, end));
    }

    // Index of the first range whose end is greater than position.
    private int FirstEndingAfter(long position)
    {
        int lo = 0, hi = ranges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranges[mid].End > position)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
