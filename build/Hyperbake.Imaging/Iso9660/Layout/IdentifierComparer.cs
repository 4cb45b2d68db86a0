namespace Hyperbake.Imaging.Iso9660.Layout;

/// <summary>
/// ECMA-119 9.3 order of directory records (and, via the path table rule 6.9.1, of sibling
/// directories): file name, then extension, each compared as if padded with spaces, then the
/// version number descending. Joliet identifiers use the same rule on UCS-2 code units. Ties
/// that padding creates (Joliet "a" and "a ") fall back to ordinal order, keeping it total.
/// </summary>
internal sealed class IdentifierComparer : IComparer<string>
{
    public static readonly IdentifierComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Split(x, out var nameX, out var extX, out var versionX);
        Split(y, out var nameY, out var extY, out var versionY);
        var c = ComparePadded(nameX, nameY);
        if (c == 0)
        {
            c = ComparePadded(extX, extY);
        }

        if (c == 0)
        {
            c = versionY.CompareTo(versionX);
        }

        return c != 0 ? c : string.CompareOrdinal(x, y);
    }

    private static void Split(string identifier, out ReadOnlySpan<char> name, out ReadOnlySpan<char> extension, out int version)
    {
        var span = identifier.AsSpan();
        version = 0;
        var semicolon = span.LastIndexOf(';');
        if (semicolon >= 0)
        {
            _ = int.TryParse(span[(semicolon + 1)..], out version);
            span = span[..semicolon];
        }

        var dot = span.LastIndexOf('.');
        if (dot >= 0)
        {
            name = span[..dot];
            extension = span[(dot + 1)..];
        }
        else
        {
            name = span;
            extension = [];
        }
    }

    private static int ComparePadded(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var length = Math.Max(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var ca = i < a.Length ? a[i] : ' ';
            var cb = i < b.Length ? b[i] : ' ';
            if (ca != cb)
            {
                return ca.CompareTo(cb);
            }
        }

        return 0;
    }
}
