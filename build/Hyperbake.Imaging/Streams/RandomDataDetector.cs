using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hyperbake.Imaging.Streams;

/// <summary>
/// Tells, far faster than deflate finds out, that a block is random-looking (encrypted or already
/// compressed: squashfs, xz, JPEG payloads), so compressing writers can store it as is. Both
/// tests use integers only, so the answer is the same on every machine:
/// <list type="bullet">
/// <item>the byte histogram is flat: a chi-square statistic under <see cref="MaxChiSquare"/>, where
/// random data scores about 255 and the best Huffman coding could save only a few dozen bytes;</item>
/// <item>byte sequences repeat no more often than chance makes them, so LZ77 has nothing to
/// match.</item>
/// </list>
/// A block that passes both would not shrink under deflate: its literals cost 8 bits each and the
/// block headers more than the odd chance match saves.
/// </summary>
public static class RandomDataDetector
{
    /// <summary>Blocks smaller than this are always handed to the compressor.</summary>
    public const int MinimumLength = 4096;

    private const long MaxChiSquare = 350;
    private const int HashBits = 15;
    private const int LookupStride = 8;

    [ThreadStatic]
    private static int[]? lastSeen;

    /// <summary>True when <paramref name="data"/> looks random, so deflate would not make it smaller.</summary>
    public static bool LooksRandom(ReadOnlySpan<byte> data)
    {
        if (data.Length < MinimumLength)
        {
            return false;
        }

        return HasFlatHistogram(data) && !HasRepeats(data);
    }

    // chi² = 256·Σc² / n − n, compared as 256·Σc² < (MaxChiSquare + n)·n to stay in integers.
    private static bool HasFlatHistogram(ReadOnlySpan<byte> data)
    {
        // Four interleaved tables keep consecutive increments from waiting on each other.
        Span<int> counts = stackalloc int[4 * 256];
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            counts[data[i]]++;
            counts[256 + data[i + 1]]++;
            counts[512 + data[i + 2]]++;
            counts[768 + data[i + 3]]++;
        }

        for (; i < data.Length; i++)
        {
            counts[data[i]]++;
        }

        long sumOfSquares = 0;
        for (var b = 0; b < 256; b++)
        {
            long c = counts[b] + counts[256 + b] + counts[512 + b] + counts[768 + b];
            sumOfSquares += c * c;
        }

        long n = data.Length;
        return 256 * sumOfSquares < (MaxChiSquare + n) * n;
    }

    // Counts repeats of 4-byte sequences (verified, not just hash hits). Every position is
    // remembered (last position + 1 per hash, 0 = none) but only every 8th is looked up: that
    // still finds every repeat of 11 bytes or more, at a fraction of deflate's cost per byte.
    private static bool HasRepeats(ReadOnlySpan<byte> data)
    {
        var table = lastSeen ??= new int[1 << HashBits];
        Array.Clear(table);
        ref var bytes = ref MemoryMarshal.GetReference(data);
        ref var slots = ref MemoryMarshal.GetArrayDataReference(table);

        // Chance matches in n random bytes at this lookup rate: about n²/2³⁶; allow twice that.
        var maxRepeats = 2 + (int)(((long)data.Length * data.Length) >> 35);
        var repeats = 0;
        var last = data.Length - 4;
        for (var i = 0; i <= last; i++)
        {
            var v = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, i));
            ref var slot = ref Unsafe.Add(ref slots, (int)((v * 2654435761u) >> (32 - HashBits)));
            if ((i & (LookupStride - 1)) == 0 && slot > 0
                && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bytes, slot - 1)) == v
                && ++repeats > maxRepeats)
            {
                return true;
            }

            slot = i + 1;
        }

        return false;
    }
}
