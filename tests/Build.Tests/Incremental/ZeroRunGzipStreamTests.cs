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

    [Fact]
    public void A_rebuild_after_a_small_change_takes_the_unchanged_pieces_and_writes_the_same_bytes_as_a_full_one()
    {
        // Given: 6 MiB of data with a zero gap, written once with an index
        var first = Disk(seed: 5);
        var changed = (byte[])first.Clone();
        changed[(3 << 20) + 100] ^= 0xFF;
        var (earlier, earlierIndex) = (_dir["earlier.gz"], _dir["earlier.pieces"]);
        Compress(first, earlier, GzipPieceReuse.Open(_dir["none.gz"], _dir["none.pieces"]), earlierIndex);

        // When
        using var reuse = GzipPieceReuse.Open(earlier, earlierIndex);
        var rebuilt = Compress(changed, _dir["rebuilt.gz"], reuse, _dir["rebuilt.pieces"]);
        var full = Compress(changed, _dir["full.gz"], null, null);

        // Then
        rebuilt.Should().Equal(full);
        reuse.Reused.Should().Be(reuse.Recorded - 1, "only the piece holding the changed byte is compressed again");
        Gunzip(rebuilt).Should().Equal(changed);
    }

    [Fact]
    public void Damaged_or_foreign_earlier_pieces_are_compressed_again()
    {
        // Given
        var disk = Disk(seed: 6);
        var (earlier, earlierIndex) = (_dir["earlier.gz"], _dir["earlier.pieces"]);
        Compress(disk, earlier, GzipPieceReuse.Open(_dir["none.gz"], _dir["none.pieces"]), earlierIndex);
        using (var file = new FileStream(earlier, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 2000;
            var b = file.ReadByte();
            file.Position = 2000;
            file.WriteByte((byte)(b ^ 0x55));
        }

        var lines = File.ReadAllLines(earlierIndex);
        File.WriteAllLines(_dir["foreign.pieces"], ["hyperbake-gzip-pieces-v1 .NET_0.0", .. lines[1..]]);

        // When
        using var damaged = GzipPieceReuse.Open(earlier, earlierIndex);
        var fromDamaged = Compress(disk, _dir["a.gz"], damaged, _dir["a.pieces"]);
        using var foreign = GzipPieceReuse.Open(earlier, _dir["foreign.pieces"]);
        var fromForeign = Compress(disk, _dir["b.gz"], foreign, _dir["b.pieces"]);

        // Then
        var full = Compress(disk, _dir["full.gz"], null, null);
        fromDamaged.Should().Equal(full);
        damaged.Reused.Should().Be(damaged.Recorded - 1);
        fromForeign.Should().Equal(full);
        foreign.Reused.Should().Be(0);
    }

    /// <summary>3 MiB of random data, 2 MiB of zeros, 3 MiB of data and a little text: several pieces either side of a gap.</summary>
    private static byte[] Disk(int seed)
    {
        var bytes = new byte[(8 << 20) + 5000];
        var random = new Random(seed);
        random.NextBytes(bytes.AsSpan(0, 3 << 20));
        random.NextBytes(bytes.AsSpan(5 << 20, 3 << 20));
        "the end"u8.CopyTo(bytes.AsSpan(bytes.Length - 100));
        return bytes;
    }

    private static byte[] Compress(byte[] content, string path, GzipPieceReuse? reuse, string? index)
    {
        using (var file = File.Create(path))
        using (var gzip = new ZeroRunGzipStream(file, reuse: reuse))
        {
            foreach (var chunk in content.Chunk(300_001))
            {
                gzip.Write(chunk);
            }
        }

        if (index is not null)
        {
            reuse!.WriteIndex(index);
        }

        ExternalTool.Check("gzip", "-t", path);
        return File.ReadAllBytes(path);
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var reader = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var back = new MemoryStream();
        reader.CopyTo(back);
        return back.ToArray();
    }
}
