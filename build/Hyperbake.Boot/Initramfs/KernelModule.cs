using System.Buffers.Binary;
using System.Text;

namespace Hyperbake.Boot.Initramfs;

/// <summary>
/// Reads what an initramfs needs from a kernel module file: the modules it depends on, from the
/// <c>depends=</c> field of its ELF <c>.modinfo</c> section. That is what depmod reads; Debian's
/// kernel packages ship no modules.dep (their postinst makes it), so Hyperbake resolves it itself.
/// </summary>
public static class KernelModule
{
    private const int ElfClassOffset = 4;
    private const int ElfDataOffset = 5;
    private const int SectionHeaderOffsetField = 0x28;
    private const int SectionHeaderEntrySizeField = 0x3A;
    private const int SectionHeaderCountField = 0x3C;
    private const int SectionNameTableIndexField = 0x3E;
    private const int SectionNameField = 0x00;
    private const int SectionOffsetField = 0x18;
    private const int SectionSizeField = 0x20;

    /// <summary>The module's name as the kernel knows it: file name without .ko, dashes as underscores.</summary>
    public static string NameOf(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var ko = name.IndexOf(".ko", StringComparison.Ordinal);
        return (ko >= 0 ? name[..ko] : name).Replace('-', '_');
    }

    /// <summary>The names in <c>depends=</c> (empty for a module without dependencies).</summary>
    public static IReadOnlyList<string> Dependencies(ReadOnlySpan<byte> elf, string displayName)
    {
        if (elf.Length < 0x40 || elf[0] != 0x7F || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException($"Kernel module '{displayName}' is not an ELF file (compressed modules are not supported yet).");
        }

        if (elf[ElfClassOffset] != 2 || elf[ElfDataOffset] != 1)
        {
            throw new InvalidDataException($"Kernel module '{displayName}' is not a 64-bit little-endian ELF file.");
        }

        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf[SectionHeaderOffsetField..]);
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[SectionHeaderEntrySizeField..]);
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[SectionHeaderCountField..]);
        var shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(elf[SectionNameTableIndexField..]);
        ReadOnlySpan<byte> Section(ReadOnlySpan<byte> data, int index, out uint nameOffset)
        {
            var header = data.Slice(shoff + index * shentsize, shentsize);
            nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[SectionNameField..]);
            var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[SectionOffsetField..]);
            var size = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[SectionSizeField..]);
            return data.Slice(offset, size);
        }

        var names = Section(elf, shstrndx, out _);
        for (var i = 0; i < shnum; i++)
        {
            var section = Section(elf, i, out var nameOffset);
            var nameBytes = names[(int)nameOffset..];
            var end = nameBytes.IndexOf((byte)0);
            if (Encoding.ASCII.GetString(nameBytes[..end]) != ".modinfo")
            {
                continue;
            }

            foreach (var field in Encoding.ASCII.GetString(section).Split('\0'))
            {
                if (field.StartsWith("depends=", StringComparison.Ordinal))
                {
                    return [.. field["depends=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => d.Replace('-', '_'))];
                }
            }

            return [];
        }

        return [];
    }
}
