using System.IO.Compression;
using Build.Stages.Live;
using Hyperbake.Imaging.Checksums;
using Hyperbake.Testing;

namespace Build.Tests.Incremental;

public sealed class ZeroRunGzipStreamTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(65536L)]
    [InlineData(3_000_001L)]
    [InlineData(5L << 30)]
    public void Appending_zeros_to_a_crc_equals_computing_over_them(long zeros)
    {
        var prefix = Crc32.Compute("hyperbake"u8);
        var expected = prefix;
        var block = new byte[1 << 20];
        if (zeros <= 16 << 20)
        {
            for (var left = zeros; left > 0; left -= block.Length)
            {
                expected = Crc32.Append(expected, block.AsSpan(0, (int)Math.Min(block.Length, left)));
            }

            ZeroRunGzipStream.AppendZeros(prefix, zeros).Should().Be(expected);
        }
        else
        {
            // x^(8(a+b)) = x^(8a) x^(8b): appending in two steps equals one step.
            ZeroRunGzipStream.AppendZeros(ZeroRunGzipStream.AppendZeros(prefix, zeros / 2), zeros - (zeros / 2))
                .Should().Be(ZeroRunGzipStream.AppendZeros(prefix, zeros));
        }
    }

    [Fact]
    public void Gzip_reads_back_data_and_zero_runs_of_every_alignment()
    {
        // Data, a long zero run, data not aligned to the window, a short zero run inside data, a zero tail.
        var random = new Random(3);
        using var content = new MemoryStream();
        var data = new byte[300_000];
        random.NextBytes(data);
        content.Write(data);
        content.Write(new byte[5 << 20]);
        content.Write(data.AsSpan(0, 12345));
        content.Write(new byte[1000]);
        content.Write(data.AsSpan(0, 70_000));
        content.Write(new byte[(3 << 20) + 17]);
        var bytes = content.ToArray();
        var path = _dir["out.gz"];

        using (var file = File.Create(path))
        using (var gzip = new ZeroRunGzipStream(file))
        {
            foreach (var chunk in bytes.Chunk(777_777))
            {
                gzip.Write(chunk);
            }
        }

        ExternalTool.Check("gzip", "-t", path);
        using var reader = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var back = new MemoryStream();
        reader.CopyTo(back);
        back.ToArray().Should().Equal(bytes);
        new FileInfo(path).Length.Should().BeLessThan(420_000);
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes()
    {
        byte[] Write()
        {
            using var output = new MemoryStream();
            using (var gzip = new ZeroRunGzipStream(output, leaveOpen: true))
            {
                gzip.Write(new byte[200_000]);
                gzip.Write("disk"u8);
                gzip.Write(new byte[1 << 20]);
            }

            return output.ToArray();
        }

        Write().Should().Equal(Write());
    }
}
