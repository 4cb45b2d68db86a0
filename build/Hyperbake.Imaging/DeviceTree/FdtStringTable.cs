using System.Text;

namespace Hyperbake.Imaging.DeviceTree;

/// <summary>
/// The strings block being built: property names, each stored once, in order of first use
/// (deterministic for a given tree).
/// </summary>
internal sealed class FdtStringTable
{
    private readonly List<byte> _bytes = [];
    private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);
    private readonly bool _shareSuffixes;

    public FdtStringTable(bool shareSuffixes)
    {
        _shareSuffixes = shareSuffixes;
    }

    public int Length => _bytes.Count;

    public int Add(string name)
    {
        if (_offsets.TryGetValue(name, out var known))
        {
            return known;
        }

        var encoded = Encoding.UTF8.GetBytes(name + "\0");
        var offset = _shareSuffixes ? FindTail(encoded) : -1;
        if (offset < 0)
        {
            offset = _bytes.Count;
            _bytes.AddRange(encoded);
        }

        _offsets[name] = offset;
        return offset;
    }

    public void CopyTo(Span<byte> destination)
    {
        for (var i = 0; i < _bytes.Count; i++)
        {
            destination[i] = _bytes[i];
        }
    }

    // dtc looks for the new name (with its NUL) anywhere in the table, so it can point into
    // the middle of a longer name that ends the same way.
    private int FindTail(byte[] encoded)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes);
        return span.IndexOf(encoded);
    }
}
