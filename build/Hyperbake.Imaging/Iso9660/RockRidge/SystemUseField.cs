namespace Hyperbake.Imaging.Iso9660.RockRidge;

/// <summary>
/// What a directory record carries in its system use field: the entries that fit, and if not all
/// did, a CE pointing at a continuation area. Kept even in length (SUSP 4: the field is padded).
/// </summary>
internal sealed class SystemUseField
{
    public static readonly SystemUseField Empty = new([], null);

    private SystemUseField(byte[] inline, ContinuationArea? continuation)
    {
        Inline = inline;
        Continuation = continuation;
    }

    public byte[] Inline { get; }

    public ContinuationArea? Continuation { get; }

    public int Length
    {
        get
        {
            var length = Inline.Length + (Continuation is null ? 0 : SuspEntries.ContinuationLength);
            return length + (length % 2);
        }
    }

    /// <summary>Keeps entries in order: as many as fit in <paramref name="capacity"/> inline, the rest continued.</summary>
    public static SystemUseField Create(IReadOnlyList<byte[]> entries, int capacity, ContinuationRegion region)
    {
        var total = entries.Sum(e => e.Length);
        if (total + (total % 2) <= capacity)
        {
            return new SystemUseField(Concat(entries, entries.Count), null);
        }

        var inlineCount = 0;
        var used = 0;
        while (inlineCount < entries.Count && used + entries[inlineCount].Length + SuspEntries.ContinuationLength <= capacity)
        {
            used += entries[inlineCount++].Length;
        }

        var area = region.Add(entries.Skip(inlineCount).ToList());
        return new SystemUseField(Concat(entries, inlineCount), area);
    }

    /// <summary>The field's bytes; <paramref name="regionFirstBlock"/> turns the CE's relative block into an absolute one.</summary>
    public void WriteTo(Span<byte> destination, long regionFirstBlock)
    {
        destination[..Length].Clear();
        Inline.CopyTo(destination);
        if (Continuation is { } area)
        {
            SuspEntries.WriteContinuation(destination[Inline.Length..], regionFirstBlock + area.RelativeBlock, area.Offset, area.Length);
        }
    }

    private static byte[] Concat(IReadOnlyList<byte[]> entries, int count)
    {
        var bytes = new byte[entries.Take(count).Sum(e => e.Length)];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            entries[i].CopyTo(bytes, at);
            at += entries[i].Length;
        }

        return bytes;
    }
}
