using System.IO.Compression;
using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Tests.Disks;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Streams;

/// <summary>The helpers behind the fast disk writers: background writes, hole finding, parallel compression.</summary>
public sealed class WritePipelineTests
{
    [Fact]
    public void Background_writer_puts_every_piece_at_its_offset()
    {
        using var dir = new TempDirectory();
        var path = dir["out.bin"];
        var expected = new byte[1000];
        var rng = new Random(5);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0))
        using (var writer = new BackgroundFileWriter(file, bufferSize: 64))
        {
            // Contiguous pieces share a buffer; a jump back, zeros and a write larger than a buffer do not.
            void Put(int offset, int length)
            {
                var data = new byte[length];
                rng.NextBytes(data);
                data.CopyTo(expected, offset);
                writer.Write(offset, data);
            }

            Put(100, 10);
            Put(110, 30);
            Put(140, 300); // spans several 64-byte buffers
            Put(0, 50);    // below what was written
            writer.WriteZeros(50, 50);
            Put(900, 100);
            writer.Drain();
            Put(500, 7);   // after a drain the writer goes on
            writer.Drain();
        }

        File.ReadAllBytes(path).Should().Equal(expected);
    }

    [Fact]
    public void Background_writer_reports_a_failed_write()
    {
        using var writer = new BackgroundFileWriter(new FailingStream(), bufferSize: 16);

        // The failure surfaces on the next call after the writer thread met it, at the latest on Drain.
        var write = () =>
        {
            writer.Write(0, new byte[100]);
            writer.Drain();
        };
        write.Should().Throw<IOException>().WithMessage("No space left*");
    }

    [Fact]
    public void Data_extents_skip_the_holes_of_a_sparse_file()
    {
        using var dir = new TempDirectory();
        var path = dir["sparse.img"];
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0);
        file.SetLength(8 << 20);
        RandomAccess.Write(file.SafeFileHandle, Filled(4096, 1), 1 << 20);
        RandomAccess.Write(file.SafeFileHandle, Filled(8192, 2), 6 << 20);

        var extents = FileDataExtents.Find(file.SafeFileHandle, 0, 8 << 20);

        extents.Should().Contain(e => e.Start <= 1 << 20 && e.End >= (1 << 20) + 4096);
        extents.Should().Contain(e => e.Start <= 6 << 20 && e.End >= (6 << 20) + 8192);
        extents.Sum(e => e.End - e.Start).Should().BeLessThan(1 << 20, "the 8 MiB file holds 12 KiB of data");
        FileDataExtents.Find(file.SafeFileHandle, 2 << 20, 6 << 20).Should().BeEmpty();
        FileDataExtents.Find(file.SafeFileHandle, (6 << 20) + 4096, 8 << 20).Should().ContainSingle()
            .Which.Start.Should().Be((6 << 20) + 4096, "a range starting inside data starts there");
    }

    [Fact]
    public void Random_data_is_recognised_and_deflate_agrees_it_does_not_shrink()
    {
        var random = new byte[65536];
        new Random(1).NextBytes(random);
        RandomDataDetector.LooksRandom(random).Should().BeTrue();
        DeflatedLength(random).Should().BeGreaterThanOrEqualTo(random.Length);

        // A repeat deflate can use, a skewed histogram, text, a small block: all go to the compressor.
        var repeat = (byte[])random.Clone();
        random.AsSpan(1000, 64).CopyTo(repeat.AsSpan(20000));
        RandomDataDetector.LooksRandom(repeat).Should().BeFalse();
        DeflatedLength(repeat).Should().BeLessThan(repeat.Length);

        var skewed = (byte[])random.Clone();
        for (var i = 0; i < skewed.Length; i += 16)
        {
            skewed[i] = 0;
        }

        RandomDataDetector.LooksRandom(skewed).Should().BeFalse();
        RandomDataDetector.LooksRandom(TestContent.Bytes(65536, 2, textLike: true)).Should().BeFalse();
        RandomDataDetector.LooksRandom(random.AsSpan(0, 1024)).Should().BeFalse();
    }

    [Fact]
    public void Ordered_compressor_delivers_every_block_in_order()
    {
        var delivered = new List<(long Index, byte First, int? Result)>();
        var compressor = new OrderedBlockCompressor(
            512,
            block => block[0] % 3 == 0 ? null : [block[0], 42],
            (index, block, compressed) => delivered.Add((index, block[0], compressed?.Length)));
        var block = new byte[512];
        for (var i = 0; i < 1000; i++)
        {
            block[0] = (byte)i;
            compressor.Add(i * 2, block);
        }

        compressor.Finish();

        delivered.Select(d => d.Index).Should().Equal(Enumerable.Range(0, 1000).Select(i => (long)i * 2));
        delivered.Should().OnlyContain(d => d.First == (byte)(d.Index / 2));
        delivered.Should().OnlyContain(d => d.Result == (d.First % 3 == 0 ? null : 2));
    }

    [Fact]
    public void Ordered_compressor_passes_on_a_worker_failure()
    {
        var compressor = new OrderedBlockCompressor(64, _ => throw new InvalidDataException("bad block"), (_, _, _) => { });
        compressor.Add(0, new byte[64]);
        var finish = compressor.Finish;
        finish.Should().Throw<InvalidDataException>().WithMessage("bad block");
    }

    private static byte[] Filled(int length, byte value)
    {
        var data = new byte[length];
        Array.Fill(data, value);
        return data;
    }

    private static long DeflatedLength(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var deflate = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return ms.Length;
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");
    }
}
