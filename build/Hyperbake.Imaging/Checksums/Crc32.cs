namespace Hyperbake.Imaging.Checksums;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320): GPT headers and entries, U-Boot
/// images, gzip trailers. Slicing-by-8 tables because GPT and uImage checksum whole payloads.
/// </summary>
public static class Crc32
{
    private static readonly uint[][] Tables = BuildTables(0xEDB88320u);

    /// <summary>The CRC of a whole buffer (initial value and final xor applied).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC: <c>Append(Compute(a), b) == Compute(a ++ b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~Update(Tables, ~crc, data);

    internal static uint[][] BuildTables(uint polynomial)
    {
        var tables = new uint[8][];
        for (var t = 0; t < 8; t++)
        {
            tables[t] = new uint[256];
        }

        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            tables[0][i] = c;
        }

        for (var i = 0; i < 256; i++)
        {
            for (var t = 1; t < 8; t++)
            {
                tables[t][i] = (tables[t - 1][i] >> 8) ^ tables[0][tables[t - 1][i] & 0xFF];
            }
        }

        return tables;
    }

    /// <summary>The raw register update (no pre/post inversion), shared with CRC-32C.</summary>
    internal static uint Update(uint[][] tables, uint crc, ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (data.Length - i >= 8)
        {
            var lo = crc ^ (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            crc = tables[7][lo & 0xFF] ^ tables[6][(lo >> 8) & 0xFF] ^ tables[5][(lo >> 16) & 0xFF] ^ tables[4][lo >> 24]
                ^ tables[3][data[i + 4]] ^ tables[2][data[i + 5]] ^ tables[1][data[i + 6]] ^ tables[0][data[i + 7]];
            i += 8;
        }

        for (; i < data.Length; i++)
        {
            crc = tables[0][(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }
}
