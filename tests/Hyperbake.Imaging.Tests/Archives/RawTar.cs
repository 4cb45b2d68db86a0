using System.Text;

namespace Hyperbake.Imaging.Tests.Archives;

/// <summary>Hand-made ustar archives with arbitrary (hostile) names, for the reader's rejection tests.</summary>
internal static class RawTar
{
    public static byte[] Build(params (string Name, char Type, string Data, string Link)[] entries)
    {
        var output = new MemoryStream();
        foreach (var (name, type, data, link) in entries)
        {
            var header = new byte[512];
            Encoding.UTF8.GetBytes(name).CopyTo(header, 0);
            Octal(header, 100, 8, type == '5' ? 0x1ED : 0x1A4);
            Octal(header, 108, 8, 0);
            Octal(header, 116, 8, 0);
            var bytes = Encoding.UTF8.GetBytes(data);
            Octal(header, 124, 12, bytes.Length);
            Octal(header, 136, 12, 1_700_000_000);
            header[156] = (byte)type;
            Encoding.UTF8.GetBytes(link).CopyTo(header, 157);
            "ustar\000"u8.ToArray().CopyTo(header, 257);
            for (var i = 148; i < 156; i++)
            {
                header[i] = (byte)' ';
            }

            var sum = header.Sum(b => b);
            Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
            output.Write(header);
            output.Write(bytes);
            output.Write(new byte[(512 - (bytes.Length % 512)) % 512]);
        }

        output.Write(new byte[1024]);
        return output.ToArray();
    }

    private static void Octal(byte[] header, int offset, int length, long value) =>
        Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(length - 1, '0')).CopyTo(header, offset);
}
