using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>
/// ImageBuilder checks inputs with <c>file -L F | grep T</c>. This recognises the formats that
/// decide those checks (gzip and other compressors, cpio, device tree blobs, ELF, arm/arm64
/// Linux images, PE, uImage, Xilinx BIT, tar, squashfs, text) and describes them in
/// <c>file</c>'s words; anything else is "data", as <c>file</c> says.
/// </summary>
public static class FileTypeProbe
{
    /// <summary>How much <c>file</c> reads (its default bytes limit).</summary>
    public const int ProbeLimit = 7 * 1024 * 1024;

    public static string Describe(string path)
    {
        using var stream = File.OpenRead(path);
        return Describe(ReadUpTo(stream, ProbeLimit));
    }

    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            return "empty";
        }

        if (head.Length >= 3 && head[0] == 0x1F && head[1] == 0x8B && head[2] == 8)
        {
            return "gzip compressed data";
        }

        if (head.StartsWith("BZh"u8))
        {
            return "bzip2 compressed data";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0]))
        {
            return "XZ compressed data";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return "Zstandard compressed data";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x04, 0x22, 0x4D, 0x18]))
        {
            return "LZ4 compressed data";
        }

        if (head.StartsWith("070701"u8))
        {
            return "ASCII cpio archive (SVR4 with no CRC)";
        }

        if (head.StartsWith("070702"u8))
        {
            return "ASCII cpio archive (SVR4 with CRC)";
        }

        if (head.StartsWith("070707"u8))
        {
            return "ASCII cpio archive (pre-SVR4 or odc)";
        }

        if (head.Length >= 2 && ((head[0] == 0xC7 && head[1] == 0x71) || (head[0] == 0x71 && head[1] == 0xC7)))
        {
            return "cpio archive";
        }

        if (head.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(head) == 0xD00DFEED)
        {
            return $"Device Tree Blob version {BinaryPrimitives.ReadUInt32BigEndian(head[20..])}";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) && head.Length >= 18)
        {
            var bits = head[4] == 2 ? "64" : "32";
            var endian = head[5] == 2 ? "MSB" : "LSB";
            var type = head[5] == 2 ? BinaryPrimitives.ReadUInt16BigEndian(head[16..]) : BinaryPrimitives.ReadUInt16LittleEndian(head[16..]);
            var kind = type switch
            {
                1 => "relocatable",
                2 => "executable",
                3 => HasInterpreter(head) ? "pie executable" : "shared object",
                4 => "core file",
                _ => "unknown type",
            };
            return $"ELF {bits}-bit {endian} {kind}";
        }

        if (head.Length >= 64 && head.Slice(56, 4).SequenceEqual("ARM\x64"u8))
        {
            return "Linux kernel ARM64 boot executable Image, little-endian";
        }

        if (head.Length >= 0x30 && BinaryPrimitives.ReadUInt32LittleEndian(head[0x24..]) == 0x016F2818)
        {
            return "Linux kernel ARM boot executable zImage (little-endian)";
        }

        if (head.StartsWith("MZ"u8) && head.Length >= 0x40)
        {
            var pe = BinaryPrimitives.ReadInt32LittleEndian(head[0x3C..]);
            if (pe > 0 && pe + 4 <= head.Length && head.Slice(pe, 4).SequenceEqual("PE\0\0"u8))
            {
                return "PE32+ executable";
            }

            return "MS-DOS executable";
        }

        if (head.Length >= 64 && BinaryPrimitives.ReadUInt32BigEndian(head) == 0x27051956)
        {
            return "u-boot legacy uImage";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x09, 0x0F, 0xF0, 0x0F, 0xF0, 0x0F, 0xF0, 0x0F, 0xF0, 0x00, 0x00, 0x01]))
        {
            return "Xilinx BIT data";
        }

        if (head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            return "POSIX tar archive";
        }

        if (head.StartsWith("hsqs"u8))
        {
            return "Squashfs filesystem, little endian";
        }

        return DescribeText(head);
    }

    /// <summary>
    /// The description of the file after gunzip when it is gzip data (ImageBuilder's
    /// check_compressed_file_type), else of the file itself.
    /// </summary>
    public static string DescribeDecompressed(string path)
    {
        using var stream = File.OpenRead(path);
        var head = ReadUpTo(stream, ProbeLimit);
        if (!Describe(head.AsSpan(0, Math.Min(head.Length, 16))).StartsWith("gzip", StringComparison.Ordinal))
        {
            return Describe(head);
        }

        stream.Position = 0;
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        return Describe(ReadUpTo(gz, ProbeLimit, tolerateTrailingGarbage: true));
    }

    /// <summary><c>grep</c> with ImageBuilder's alternatives: any of <paramref name="alternatives"/> occurs.</summary>
    public static bool Matches(string fileOutput, params string[] alternatives) =>
        alternatives.Any(a => fileOutput.Contains(a, StringComparison.Ordinal));

    /// <summary>A position-independent executable is ET_DYN with a PT_INTERP program header.</summary>
    private static bool HasInterpreter(ReadOnlySpan<byte> elf)
    {
        var is64 = elf[4] == 2;
        var big = elf[5] == 2;
        if (elf.Length < (is64 ? 0x40 : 0x34))
        {
            return false;
        }

        var phoff = is64 ? Word(elf, big, 0x20, 8) : Word(elf, big, 0x1C, 4);
        var phentsize = Word(elf, big, is64 ? 0x36 : 0x2A, 2);
        var phnum = Word(elf, big, is64 ? 0x38 : 0x2C, 2);
        for (long i = 0; i < phnum; i++)
        {
            var at = phoff + (i * phentsize);
            if (at < 0 || at + 4 > elf.Length)
            {
                return false;
            }

            if (Word(elf, big, (int)at, 4) == 3)
            {
                return true;
            }
        }

        return false;
    }

    private static long Word(ReadOnlySpan<byte> b, bool big, int offset, int size) => size switch
    {
        2 => big ? BinaryPrimitives.ReadUInt16BigEndian(b[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(b[offset..]),
        4 => big ? BinaryPrimitives.ReadUInt32BigEndian(b[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(b[offset..]),
        _ => (long)(big ? BinaryPrimitives.ReadUInt64BigEndian(b[offset..]) : BinaryPrimitives.ReadUInt64LittleEndian(b[offset..])),
    };

    private static string DescribeText(ReadOnlySpan<byte> head)
    {
        var ascii = true;
        foreach (var b in head)
        {
            if (b >= 0x80)
            {
                ascii = false;
            }
            else if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C or 0x08 or 0x1B))
            {
                return "data";
            }
        }

        var script = head.StartsWith("#!"u8) ? "script text executable, " : string.Empty;
        if (ascii)
        {
            return script.Length > 0 ? "a script, ASCII text executable" : "ASCII text";
        }

        try
        {
            _ = new UTF8Encoding(false, true).GetString(head);
            return script + "Unicode text, UTF-8 text";
        }
        catch (DecoderFallbackException)
        {
            return "ISO-8859 text";
        }
    }

    private static byte[] ReadUpTo(Stream stream, int limit, bool tolerateTrailingGarbage = false)
    {
        var buffer = new byte[Math.Min(limit, 1 << 16)];
        var output = new MemoryStream();
        try
        {
            int n;
            while (output.Length < limit && (n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - output.Length))) > 0)
            {
                output.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException) when (tolerateTrailingGarbage)
        {
            // gunzip warns about trailing garbage (zero padding after the member) and still
            // writes what it decompressed; so does this.
        }

        return output.ToArray();
    }
}
