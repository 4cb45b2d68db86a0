using System.Numerics;

namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>
/// The htree name hashes (legacy, half-MD4, TEA) with the superblock's seed. Names are read as
/// signed chars, matching the signed_directory_hash flag the superblock carries.
/// </summary>
internal static class DirectoryHash
{
    private const uint HtreeEof32 = 0x7FFFFFFF;

    /// <summary>The major hash of a name, with bit 0 clear (the index uses it as the collision flag).</summary>
    public static uint Compute(ReadOnlySpan<byte> name, ExtDirectoryHash version, ReadOnlySpan<uint> seed)
    {
        Span<uint> buf = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
        foreach (var s in seed)
        {
            if (s != 0)
            {
                seed.CopyTo(buf);
                break;
            }
        }

        uint hash;
        Span<uint> input = stackalloc uint[8];
        switch (version)
        {
            case ExtDirectoryHash.Legacy:
                hash = Legacy(name);
                break;
            case ExtDirectoryHash.HalfMd4:
                for (var p = name; ; p = p[32..])
                {
                    StringToHashBuffer(p, input, 8);
                    HalfMd4Transform(buf, input);
                    if (p.Length <= 32)
                    {
                        break;
                    }
                }

                hash = buf[1];
                break;
            case ExtDirectoryHash.Tea:
                for (var p = name; ; p = p[16..])
                {
                    StringToHashBuffer(p, input, 4);
                    TeaTransform(buf, input);
                    if (p.Length <= 16)
                    {
                        break;
                    }
                }

                hash = buf[0];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown directory hash.");
        }

        hash &= ~1u;
        return hash == HtreeEof32 << 1 ? (HtreeEof32 - 1) << 1 : hash;
    }

    private static uint Legacy(ReadOnlySpan<byte> name)
    {
        uint hash0 = 0x12a3fe2d, hash1 = 0x37abe8f9;
        foreach (var c in name)
        {
            var hash = hash1 + (hash0 ^ (uint)((sbyte)c * 7152373));
            if ((hash & 0x80000000) != 0)
            {
                hash -= 0x7fffffff;
            }

            hash1 = hash0;
            hash0 = hash;
        }

        return hash0 << 1;
    }

    /// <summary>Packs up to num*4 name bytes into words, padding with the length (str2hashbuf_signed).</summary>
    private static void StringToHashBuffer(ReadOnlySpan<byte> msg, Span<uint> output, int num)
    {
        var len = msg.Length;
        var pad = (uint)len | ((uint)len << 8);
        pad |= pad << 16;
        var val = pad;
        if (len > num * 4)
        {
            len = num * 4;
        }

        var o = 0;
        for (var i = 0; i < len; i++)
        {
            val = (uint)(sbyte)msg[i] + (val << 8);
            if (i % 4 == 3)
            {
                output[o++] = val;
                val = pad;
                num--;
            }
        }

        if (--num >= 0)
        {
            output[o++] = val;
        }

        while (--num >= 0)
        {
            output[o++] = pad;
        }
    }

    private static void TeaTransform(Span<uint> buf, ReadOnlySpan<uint> input)
    {
        uint sum = 0;
        uint b0 = buf[0], b1 = buf[1];
        uint a = input[0], b = input[1], c = input[2], d = input[3];
        for (var n = 0; n < 16; n++)
        {
            sum += 0x9E3779B9;
            b0 += ((b1 << 4) + a) ^ (b1 + sum) ^ ((b1 >> 5) + b);
            b1 += ((b0 << 4) + c) ^ (b0 + sum) ^ ((b0 >> 5) + d);
        }

        buf[0] += b0;
        buf[1] += b1;
    }

    private static void HalfMd4Transform(Span<uint> buf, ReadOnlySpan<uint> x)
    {
        const uint k2 = 0x5A827999; // 013240474631
        const uint k3 = 0x6ED9EBA1; // 015666365641
        uint a = buf[0], b = buf[1], c = buf[2], d = buf[3];

        a = BitOperations.RotateLeft(a + F(b, c, d) + x[0], 3);
        d = BitOperations.RotateLeft(d + F(a, b, c) + x[1], 7);
        c = BitOperations.RotateLeft(c + F(d, a, b) + x[2], 11);
        b = BitOperations.RotateLeft(b + F(c, d, a) + x[3], 19);
        a = BitOperations.RotateLeft(a + F(b, c, d) + x[4], 3);
        d = BitOperations.RotateLeft(d + F(a, b, c) + x[5], 7);
        c = BitOperations.RotateLeft(c + F(d, a, b) + x[6], 11);
        b = BitOperations.RotateLeft(b + F(c, d, a) + x[7], 19);

        a = BitOperations.RotateLeft(a + G(b, c, d) + x[1] + k2, 3);
        d = BitOperations.RotateLeft(d + G(a, b, c) + x[3] + k2, 5);
        c = BitOperations.RotateLeft(c + G(d, a, b) + x[5] + k2, 9);
        b = BitOperations.RotateLeft(b + G(c, d, a) + x[7] + k2, 13);
        a = BitOperations.RotateLeft(a + G(b, c, d) + x[0] + k2, 3);
        d = BitOperations.RotateLeft(d + G(a, b, c) + x[2] + k2, 5);
        c = BitOperations.RotateLeft(c + G(d, a, b) + x[4] + k2, 9);
        b = BitOperations.RotateLeft(b + G(c, d, a) + x[6] + k2, 13);

        a = BitOperations.RotateLeft(a + H(b, c, d) + x[3] + k3, 3);
        d = BitOperations.RotateLeft(d + H(a, b, c) + x[7] + k3, 9);
        c = BitOperations.RotateLeft(c + H(d, a, b) + x[2] + k3, 11);
        b = BitOperations.RotateLeft(b + H(c, d, a) + x[6] + k3, 15);
        a = BitOperations.RotateLeft(a + H(b, c, d) + x[1] + k3, 3);
        d = BitOperations.RotateLeft(d + H(a, b, c) + x[5] + k3, 9);
        c = BitOperations.RotateLeft(c + H(d, a, b) + x[0] + k3, 11);
        b = BitOperations.RotateLeft(b + H(c, d, a) + x[4] + k3, 15);

        buf[0] += a;
        buf[1] += b;
        buf[2] += c;
        buf[3] += d;
    }

    private static uint F(uint x, uint y, uint z) => z ^ (x & (y ^ z));

    private static uint G(uint x, uint y, uint z) => (x & y) + ((x ^ y) & z);

    private static uint H(uint x, uint y, uint z) => x ^ y ^ z;
}
