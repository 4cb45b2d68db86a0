namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>CRC-64 with the ECMA-182 polynomial (reflected 0xC96C5795D7870F42), the check xz uses by default.</summary>
public static class Crc64
{
    private static readonly ulong[] Table = Build();

    public static ulong Append(ulong crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (var b in data)
        {
            crc = Table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static ulong[] Build()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var c = (ulong)i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xC96C5795D7870F42UL ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
