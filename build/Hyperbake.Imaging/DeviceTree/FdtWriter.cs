using System.Buffers.Binary;
using System.Text;

namespace Hyperbake.Imaging.DeviceTree;

/// <summary>
/// Writes a version 17 blob laid out as dtc does: header, reservation block, structure
/// block, strings block, then optional free space. The same tree always gives the same bytes.
/// </summary>
public static class FdtWriter
{
    public static byte[] Write(FlattenedDeviceTree tree, FdtWriterOptions options)
    {
        // Layout first: the structure block and the strings it names.
        var strings = new FdtStringTable(options.ShareStringSuffixes);
        var structure = new List<byte>();
        EmitNode(tree.Root, structure, strings);
        AppendU32(structure, (uint)FdtToken.End);

        var offsetReservations = FdtHeader.Size;
        var offsetStructure = offsetReservations + ((tree.Reservations.Count + 1) * FdtReservation.EntrySize);
        var offsetStrings = offsetStructure + structure.Count;
        var used = offsetStrings + strings.Length;
        var total = Math.Max(used + options.Padding, options.MinimumSize);
        if (options.Alignment > 1)
        {
            total = (total + options.Alignment - 1) / options.Alignment * options.Alignment;
        }

        var blob = new byte[total];
        new FdtHeader(
            TotalSize: (uint)total,
            OffsetStructure: (uint)offsetStructure,
            OffsetStrings: (uint)offsetStrings,
            OffsetReservations: (uint)offsetReservations,
            Version: FdtHeader.CurrentVersion,
            LastCompatibleVersion: FdtHeader.CurrentLastCompatibleVersion,
            BootCpuIdPhysical: tree.BootCpuIdPhysical,
            SizeStrings: (uint)strings.Length,
            SizeStructure: (uint)structure.Count).Write(blob);

        var at = offsetReservations;
        foreach (var r in tree.Reservations)
        {
            BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(at), r.Address);
            BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(at + 8), r.Size);
            at += FdtReservation.EntrySize;
        }

        structure.CopyTo(blob, offsetStructure);
        strings.CopyTo(blob.AsSpan(offsetStrings));
        return blob;
    }

    private static void EmitNode(DeviceTreeNode node, List<byte> output, FdtStringTable strings)
    {
        AppendU32(output, (uint)FdtToken.BeginNode);
        output.AddRange(Encoding.UTF8.GetBytes(node.Name));
        output.Add(0);
        Pad4(output);
        foreach (var p in node.Properties)
        {
            AppendU32(output, (uint)FdtToken.Property);
            AppendU32(output, (uint)p.Length);
            AppendU32(output, (uint)strings.Add(p.Name));
            output.AddRange(p.RawValue);
            Pad4(output);
        }

        foreach (var c in node.Children)
        {
            EmitNode(c, output, strings);
        }

        AppendU32(output, (uint)FdtToken.EndNode);
    }

    private static void AppendU32(List<byte> output, uint value)
    {
        output.Add((byte)(value >> 24));
        output.Add((byte)(value >> 16));
        output.Add((byte)(value >> 8));
        output.Add((byte)value);
    }

    private static void Pad4(List<byte> output)
    {
        while (output.Count % 4 != 0)
        {
            output.Add(0);
        }
    }
}
