namespace Hyperbake.Imaging.DeviceTree;

/// <summary>How a blob is laid out; the defaults give what <c>dtc -O dtb</c> gives.</summary>
public sealed record FdtWriterOptions
{
    public static readonly FdtWriterOptions Default = new();

    /// <summary>Free bytes added after the strings block (like <c>dtc -p</c>).</summary>
    public int Padding { get; init; }

    /// <summary>The blob is grown to at least this total size (like <c>dtc -S</c>).</summary>
    public int MinimumSize { get; init; }

    /// <summary>The total size is rounded up to this multiple (like <c>dtc -a</c>); 0 or 1 for none.</summary>
    public int Alignment { get; init; }

    /// <summary>
    /// Share a string with the tail of a longer one already in the strings block, as dtc does
    /// (<c>cells</c> reuses the end of <c>#address-cells</c>). Off gives plain deduplication.
    /// </summary>
    public bool ShareStringSuffixes { get; init; } = true;
}
