namespace Hyperbake.Imaging.DeviceTree;

/// <summary>
/// A node: its name (with unit address, e.g. <c>cpu@0</c>), ordered properties and ordered
/// children. Order is kept because it is visible in the blob and in <c>dtc -O dts</c>.
/// </summary>
public sealed class DeviceTreeNode
{
    private readonly List<DeviceTreeProperty> _properties = [];
    private readonly List<DeviceTreeNode> _children = [];

    public DeviceTreeNode(string name)
    {
        if (name.Length != 0)
        {
            DeviceTreeNames.ValidateNodeName(name);
        }

        Name = name;
    }

    /// <summary>The node name; the root's is empty.</summary>
    public string Name { get; }

    public DeviceTreeNode? Parent { get; private set; }

    public IReadOnlyList<DeviceTreeProperty> Properties => _properties;

    public IReadOnlyList<DeviceTreeNode> Children => _children;

    public string Path => Parent is null ? "/" : Parent.Parent is null ? "/" + Name : Parent.Path + "/" + Name;

    // ---- properties ----------------------------------------------------------------------

    public DeviceTreeProperty? FindProperty(string name) => _properties.Find(p => p.Name == name);

    public DeviceTreeProperty GetProperty(string name) =>
        FindProperty(name) ?? throw new DeviceTreeException($"Node {Path} has no property '{name}'.");

    public bool HasProperty(string name) => FindProperty(name) is not null;

    /// <summary>
    /// Sets a property. An existing property keeps its position and gets the new value (as
    /// libfdt does); a new one goes where <paramref name="placement"/> says.
    /// </summary>
    public DeviceTreeProperty SetProperty(string name, ReadOnlySpan<byte> value, Placement placement = Placement.Last)
    {
        var existing = FindProperty(name);
        if (existing is not null)
        {
            existing.SetValue(value);
            return existing;
        }

        var property = new DeviceTreeProperty(name, value);
        if (placement == Placement.First)
        {
            _properties.Insert(0, property);
        }
        else
        {
            _properties.Add(property);
        }

        return property;
    }

    public DeviceTreeProperty SetProperty(DeviceTreeProperty property, Placement placement = Placement.Last) =>
        SetProperty(property.Name, property.Value.Span, placement);

    public DeviceTreeProperty SetEmpty(string name, Placement placement = Placement.Last) => SetProperty(name, ReadOnlySpan<byte>.Empty, placement);

    public DeviceTreeProperty SetU32(string name, params uint[] cells) => SetProperty(name, DeviceTreeProperty.EncodeU32(cells));

    public DeviceTreeProperty SetU64(string name, params ulong[] values) => SetProperty(name, DeviceTreeProperty.EncodeU64(values));

    public DeviceTreeProperty SetString(string name, string value) => SetProperty(name, DeviceTreeProperty.EncodeStrings([value]));

    public DeviceTreeProperty SetStrings(string name, params string[] values) => SetProperty(name, DeviceTreeProperty.EncodeStrings(values));

    public bool RemoveProperty(string name) => _properties.RemoveAll(p => p.Name == name) > 0;

    public uint GetU32(string name) => GetProperty(name).AsU32();

    public ulong GetU64(string name) => GetProperty(name).AsU64();

    public string GetString(string name) => GetProperty(name).AsString();

    public IReadOnlyList<string> GetStrings(string name) => GetProperty(name).AsStringList();

    /// <summary>The node's <c>phandle</c> (or legacy <c>linux,phandle</c>), if it has one.</summary>
    public uint? Phandle => (FindProperty("phandle") ?? FindProperty("linux,phandle"))?.AsU32();

    // ---- cells and reg ---------------------------------------------------------------------

    /// <summary>This node's <c>#address-cells</c> for its children; 2 when absent (spec §2.3.5).</summary>
    public int AddressCells => FindProperty("#address-cells") is { } p ? (int)p.AsU32() : 2;

    /// <summary>This node's <c>#size-cells</c> for its children; 1 when absent (spec §2.3.5).</summary>
    public int SizeCells => FindProperty("#size-cells") is { } p ? (int)p.AsU32() : 1;

    /// <summary>
    /// The (address, size) pairs of <c>reg</c>, decoded with the parent's #address-cells and
    /// #size-cells (which is how the specification defines them).
    /// </summary>
    public IReadOnlyList<(ulong Address, ulong Size)> GetReg()
    {
        var reg = GetProperty("reg");
        var (ac, sc) = ParentCells();
        var cells = reg.AsU32Array();
        var stride = ac + sc;
        if (stride == 0 || cells.Length % stride != 0)
        {
            throw new DeviceTreeException($"{Path}: reg has {cells.Length} cells, not a multiple of #address-cells ({ac}) + #size-cells ({sc}).");
        }

        var result = new List<(ulong, ulong)>();
        for (var i = 0; i < cells.Length; i += stride)
        {
            result.Add((Combine(cells.AsSpan(i, ac)), Combine(cells.AsSpan(i + ac, sc))));
        }

        return result;
    }

    /// <summary>Writes <c>reg</c> using the parent's #address-cells and #size-cells.</summary>
    public void SetReg(IEnumerable<(ulong Address, ulong Size)> ranges, Placement placement = Placement.Last)
    {
        var (ac, sc) = ParentCells();
        var cells = new List<uint>();
        foreach (var (address, size) in ranges)
        {
            Split(address, ac, cells, "address");
            Split(size, sc, cells, "size");
        }

        SetProperty("reg", DeviceTreeProperty.EncodeU32(cells), placement);
    }

    private (int AddressCells, int SizeCells) ParentCells() =>
        Parent is null ? (2, 1) : (Parent.AddressCells, Parent.SizeCells);

    private static ulong Combine(ReadOnlySpan<uint> cells)
    {
        if (cells.Length > 2)
        {
            throw new DeviceTreeException($"{cells.Length}-cell numbers are wider than 64 bits.");
        }

        ulong v = 0;
        foreach (var c in cells)
        {
            v = (v << 32) | c;
        }

        return v;
    }

    private void Split(ulong value, int count, List<uint> into, string what)
    {
        if (count > 2 || (count == 1 && value > uint.MaxValue) || (count == 0 && value != 0))
        {
            throw new DeviceTreeException($"{Path}: {what} 0x{value:x} does not fit in {count} cell(s) as set by the parent's #{what}-cells.");
        }

        if (count == 2)
        {
            into.Add((uint)(value >> 32));
        }

        if (count >= 1)
        {
            into.Add((uint)value);
        }
    }

    // ---- children --------------------------------------------------------------------------

    /// <summary>
    /// Finds a child by name. As in libfdt, a name without a unit address also matches
    /// the first child called <c>name@…</c> when no child has exactly that name.
    /// </summary>
    public DeviceTreeNode? FindChild(string name)
    {
        var exact = _children.Find(c => c.Name == name);
        if (exact is not null || name.Contains('@'))
        {
            return exact;
        }

        return _children.Find(c => c.Name.StartsWith(name + "@", StringComparison.Ordinal));
    }

    public DeviceTreeNode AddChild(string name, Placement placement = Placement.Last)
    {
        if (_children.Exists(c => c.Name == name))
        {
            throw new DeviceTreeException($"Node {Path} already has a child '{name}'.");
        }

        var child = new DeviceTreeNode(name) { Parent = this };
        if (placement == Placement.First)
        {
            _children.Insert(0, child);
        }
        else
        {
            _children.Add(child);
        }

        return child;
    }

    public bool RemoveChild(string name)
    {
        var child = _children.Find(c => c.Name == name);
        if (child is null)
        {
            return false;
        }

        _children.Remove(child);
        child.Parent = null;
        return true;
    }

    /// <summary>This node and all below it, parents first, in stored order.</summary>
    public IEnumerable<DeviceTreeNode> Descendants()
    {
        yield return this;
        foreach (var c in _children)
        {
            foreach (var d in c.Descendants())
            {
                yield return d;
            }
        }
    }

    public override string ToString() => Path;
}
