using System.Buffers.Binary;
using System.Text;

namespace Hyperbake.Imaging.DeviceTree;

/// <summary>
/// A property: a name and raw bytes. Typed views read the bytes as the devicetree
/// specification encodes them (big-endian cells, NUL-terminated strings).
/// </summary>
public sealed class DeviceTreeProperty
{
    private byte[] _value;

    public DeviceTreeProperty(string name, ReadOnlySpan<byte> value)
    {
        DeviceTreeNames.ValidatePropertyName(name);
        Name = name;
        _value = value.ToArray();
    }

    public string Name { get; }

    public ReadOnlyMemory<byte> Value => _value;

    public int Length => _value.Length;

    public bool IsEmpty => _value.Length == 0;

    internal void SetValue(ReadOnlySpan<byte> value) => _value = value.ToArray();

    internal byte[] RawValue => _value;

    public static DeviceTreeProperty Empty(string name) => new(name, ReadOnlySpan<byte>.Empty);

    public static DeviceTreeProperty FromU32(string name, params uint[] cells) => new(name, EncodeU32(cells));

    public static DeviceTreeProperty FromU64(string name, params ulong[] values) => new(name, EncodeU64(values));

    public static DeviceTreeProperty FromString(string name, string value) => new(name, EncodeStrings([value]));

    public static DeviceTreeProperty FromStrings(string name, IEnumerable<string> values) => new(name, EncodeStrings(values));

    public uint AsU32()
    {
        if (_value.Length != 4)
        {
            throw new DeviceTreeException($"Property '{Name}' is {_value.Length} bytes long, not one 32-bit cell.");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(_value);
    }

    public ulong AsU64()
    {
        if (_value.Length != 8)
        {
            throw new DeviceTreeException($"Property '{Name}' is {_value.Length} bytes long, not one 64-bit value.");
        }

        return BinaryPrimitives.ReadUInt64BigEndian(_value);
    }

    public uint[] AsU32Array()
    {
        if (_value.Length % 4 != 0)
        {
            throw new DeviceTreeException($"Property '{Name}' is {_value.Length} bytes long, not a whole number of 32-bit cells.");
        }

        var cells = new uint[_value.Length / 4];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = BinaryPrimitives.ReadUInt32BigEndian(_value.AsSpan(i * 4));
        }

        return cells;
    }

    /// <summary>A phandle reference is one cell.</summary>
    public uint AsPhandle() => AsU32();

    public string AsString()
    {
        var list = AsStringList();
        if (list.Count != 1)
        {
            throw new DeviceTreeException($"Property '{Name}' holds {list.Count} strings, not one.");
        }

        return list[0];
    }

    public IReadOnlyList<string> AsStringList()
    {
        if (_value.Length == 0 || _value[^1] != 0)
        {
            throw new DeviceTreeException($"Property '{Name}' is not a NUL-terminated string list.");
        }

        return Encoding.UTF8.GetString(_value, 0, _value.Length - 1).Split('\0');
    }

    /// <summary>Cells assembled into numbers of <paramref name="cellsPerValue"/> cells each.</summary>
    public ulong[] AsCellGroups(int cellsPerValue)
    {
        var cells = AsU32Array();
        if (cellsPerValue is < 1 or > 2)
        {
            throw new DeviceTreeException($"Property '{Name}': {cellsPerValue} cells per value is not supported (1 or 2).");
        }

        if (cells.Length % cellsPerValue != 0)
        {
            throw new DeviceTreeException($"Property '{Name}' has {cells.Length} cells, not a multiple of {cellsPerValue}.");
        }

        var values = new ulong[cells.Length / cellsPerValue];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = cellsPerValue == 1 ? cells[i] : ((ulong)cells[2 * i] << 32) | cells[(2 * i) + 1];
        }

        return values;
    }

    public static byte[] EncodeU32(IReadOnlyList<uint> cells)
    {
        var bytes = new byte[cells.Count * 4];
        for (var i = 0; i < cells.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        }

        return bytes;
    }

    public static byte[] EncodeU64(IReadOnlyList<ulong> values)
    {
        var bytes = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    public static byte[] EncodeStrings(IEnumerable<string> values)
    {
        var buffer = new List<byte>();
        foreach (var v in values)
        {
            if (v.Contains('\0'))
            {
                throw new DeviceTreeException("A device tree string cannot contain a NUL character.");
            }

            buffer.AddRange(Encoding.UTF8.GetBytes(v));
            buffer.Add(0);
        }

        return [.. buffer];
    }

    public override string ToString() => $"{Name} ({_value.Length} bytes)";
}
