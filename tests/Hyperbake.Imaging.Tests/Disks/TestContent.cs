using Hyperbake.Imaging.FileSystems;

namespace Hyperbake.Imaging.Tests.Disks;

/// <summary>Seeded pseudo-random content with zero stretches, like a real filesystem image.</summary>
public static class TestContent
{
    /// <param name="textLike">Bytes from a 16-letter alphabet, so deflate halves them (like binaries and text do).</param>
    public static byte[] Bytes(int length, int seed, int zeroEvery = 0, int zeroLength = 0, bool textLike = false)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        if (textLike)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (byte)('a' + (data[i] & 15));
            }
        }

        if (zeroEvery > 0)
        {
            for (var at = zeroEvery / 2; at < length; at += zeroEvery)
            {
                data.AsSpan(at, Math.Min(zeroLength, length - at)).Clear();
            }
        }

        return data;
    }

    public static string File(string path, int length, int seed, int zeroEvery = 0, int zeroLength = 0, bool textLike = false)
    {
        System.IO.File.WriteAllBytes(path, Bytes(length, seed, zeroEvery, zeroLength, textLike));
        return path;
    }
}

/// <summary>
/// A filesystem builder that writes like real ones do: data forward with gaps it seeks over,
/// explicit zero writes, and a header patched at offset 0 at the end.
/// </summary>
public sealed class PatternBuilder(int size, int seed) : IFileSystemBuilder
{
    public byte[] Expected { get; } = Build(size, seed);

    public long ComputeSize() => size;

    public void WriteTo(Stream output)
    {
        var data = Expected;
        const int header = 4096;
        var gapStart = size / 2;
        var gapEnd = gapStart + (size / 8);
        output.Position = header;
        output.Write(data, header, gapStart - header);
        output.Position = gapEnd; // a gap never written
        output.Write(data, gapEnd, size - gapEnd);
        output.Position = size / 4;
        output.Write(new byte[8192]); // zeros written over data: must stick
        output.Position = 0;
        output.Write(data, 0, header);
    }

    private static byte[] Build(int size, int seed)
    {
        var data = TestContent.Bytes(size, seed);
        data.AsSpan(size / 2, size / 8).Clear();
        data.AsSpan(size / 4, 8192).Clear();
        return data;
    }
}
