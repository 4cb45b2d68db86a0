using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Fixtures;

/// <summary>Deterministic file contents produced on the fly, so large test files cost no memory.</summary>
public static class GeneratedContent
{
    /// <summary>Pseudo-random bytes from a seed (xorshift).</summary>
    public static IContentSource Random(long length, ulong seed) =>
        new DelegateContent(length, () => new GeneratedStream(length, (position, buffer) => FillRandom(seed, position, buffer)));

    /// <summary>Zeros except a 512-byte marker at the start of every MiB (a "sparse" file).</summary>
    public static IContentSource MostlyZero(long length) =>
        new DelegateContent(length, () => new GeneratedStream(length, FillSparse));

    private static void FillRandom(ulong seed, long position, Span<byte> buffer)
    {
        // Each 8-byte word is a hash of (seed, word index), so any position can be produced directly.
        for (var i = 0; i < buffer.Length; i++)
        {
            var word = (ulong)(position + i) / 8;
            var x = (word + 1) * 0x9E3779B97F4A7C15UL ^ seed;
            x ^= x >> 30;
            x *= 0xBF58476D1CE4E5B9UL;
            x ^= x >> 27;
            x *= 0x94D049BB133111EBUL;
            x ^= x >> 31;
            buffer[i] = (byte)(x >> (int)(8 * ((position + i) % 8)));
        }
    }

    private static void FillSparse(long position, Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            var p = position + i;
            buffer[i] = p % (1 << 20) < 512 ? (byte)(p / (1 << 20) + 1) : (byte)0;
        }
    }

    private sealed class GeneratedStream(long length, Action<long, Span<byte>> fill) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            if (n <= 0)
            {
                return 0;
            }

            fill(_position, buffer[..n]);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
