using System.Buffers.Binary;
using System.Text;

namespace Hyperbake.Imaging.DeviceTree;

/// <summary>Parses a version 16 or 17 blob into a <see cref="FlattenedDeviceTree"/>.</summary>
public static class FdtReader
{
    public static FlattenedDeviceTree Read(ReadOnlySpan<byte> blob)
    {
        var header = FdtHeader.Read(blob);
        if (header.LastCompatibleVersion > FdtHeader.CurrentVersion || header.Version < 16)
        {
            throw new DeviceTreeException($"Device tree blob version {header.Version} (last compatible {header.LastCompatibleVersion}) is not supported; versions 16 and 17 are.");
        }

        if (header.TotalSize > blob.Length)
        {
            throw new DeviceTreeException($"The blob says it is {header.TotalSize} bytes long but only {blob.Length} bytes were given.");
        }

        blob = blob[..(int)header.TotalSize];
        CheckBlock(blob, header.OffsetStrings, header.SizeStrings, "strings");
        var structureEnd = header.Version >= 17 ? header.OffsetStructure + header.SizeStructure : (uint)blob.Length;
        CheckBlock(blob, header.OffsetStructure, structureEnd - header.OffsetStructure, "structure");

        var tree = new FlattenedDeviceTree { BootCpuIdPhysical = header.BootCpuIdPhysical };
        ReadReservations(blob, header, tree.Reservations);

        var strings = blob.Slice((int)header.OffsetStrings, (int)header.SizeStrings);
        var structure = blob[(int)header.OffsetStructure..(int)structureEnd];
        ReadStructure(structure, strings, tree);
        return tree;
    }

    private static void CheckBlock(ReadOnlySpan<byte> blob, uint offset, uint size, string what)
    {
        if ((ulong)offset + size > (ulong)blob.Length)
        {
            throw new DeviceTreeException($"The {what} block (offset {offset}, size {size}) runs past the end of the {blob.Length}-byte blob.");
        }
    }

    private static void ReadReservations(ReadOnlySpan<byte> blob, FdtHeader header, List<FdtReservation> into)
    {
        var offset = (int)header.OffsetReservations;
        while (true)
        {
            if (offset + FdtReservation.EntrySize > blob.Length)
            {
                throw new DeviceTreeException("The memory reservation block has no terminating (0, 0) entry.");
            }

            var address = BinaryPrimitives.ReadUInt64BigEndian(blob[offset..]);
            var size = BinaryPrimitives.ReadUInt64BigEndian(blob[(offset + 8)..]);
            if (address == 0 && size == 0)
            {
                return;
            }

            into.Add(new FdtReservation(address, size));
            offset += FdtReservation.EntrySize;
        }
    }

    private static void ReadStructure(ReadOnlySpan<byte> structure, ReadOnlySpan<byte> strings, FlattenedDeviceTree tree)
    {
        var offset = 0;
        DeviceTreeNode? current = null;
        var sawRoot = false;
        while (true)
        {
            var token = (FdtToken)ReadU32(structure, ref offset, "token");
            switch (token)
            {
                case FdtToken.BeginNode:
                    {
                        var nameEnd = structure[offset..].IndexOf((byte)0);
                        if (nameEnd < 0)
                        {
                            throw new DeviceTreeException($"Unterminated node name at structure offset {offset}.");
                        }

                        var name = Encoding.UTF8.GetString(structure.Slice(offset, nameEnd));
                        offset = Align4(offset + nameEnd + 1);
                        if (current is null)
                        {
                            if (sawRoot)
                            {
                                throw new DeviceTreeException("The structure block has a second root node.");
                            }

                            sawRoot = true;
                            current = tree.Root;
                        }
                        else
                        {
                            current = current.AddChild(name);
                        }

                        break;
                    }

                case FdtToken.EndNode:
                    if (current is null)
                    {
                        throw new DeviceTreeException($"Unbalanced END_NODE at structure offset {offset - 4}.");
                    }

                    current = current.Parent;
                    break;

                case FdtToken.Property:
                    {
                        var length = (int)ReadU32(structure, ref offset, "property length");
                        var nameOffset = (int)ReadU32(structure, ref offset, "property name offset");
                        if (current is null)
                        {
                            throw new DeviceTreeException($"A property outside any node at structure offset {offset}.");
                        }

                        if (length < 0 || offset + length > structure.Length)
                        {
                            throw new DeviceTreeException($"Property at structure offset {offset} claims {length} bytes, past the end of the block.");
                        }

                        current.SetProperty(ReadString(strings, nameOffset), structure.Slice(offset, length));
                        offset = Align4(offset + length);
                        break;
                    }

                case FdtToken.Nop:
                    break;

                case FdtToken.End:
                    if (current is not null || !sawRoot)
                    {
                        throw new DeviceTreeException("The structure block ends inside a node or has no root.");
                    }

                    return;

                default:
                    throw new DeviceTreeException($"Unknown structure token 0x{(uint)token:x} at offset {offset - 4}.");
            }
        }
    }

    private static uint ReadU32(ReadOnlySpan<byte> block, ref int offset, string what)
    {
        if (offset + 4 > block.Length)
        {
            throw new DeviceTreeException($"The structure block ends while reading a {what} at offset {offset}.");
        }

        var v = BinaryPrimitives.ReadUInt32BigEndian(block[offset..]);
        offset += 4;
        return v;
    }

    private static string ReadString(ReadOnlySpan<byte> strings, int offset)
    {
        if (offset < 0 || offset >= strings.Length)
        {
            throw new DeviceTreeException($"Property name offset {offset} is outside the {strings.Length}-byte strings block.");
        }

        var end = strings[offset..].IndexOf((byte)0);
        if (end < 0)
        {
            throw new DeviceTreeException($"Property name at strings offset {offset} is not NUL-terminated.");
        }

        return Encoding.UTF8.GetString(strings.Slice(offset, end));
    }

    internal static int Align4(int value) => (value + 3) & ~3;
}
