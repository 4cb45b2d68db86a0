using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>Large file contents made on the fly: a non-zero pattern, or zeros with a marker byte at the end.</summary>
internal sealed class GeneratedContent(long length, bool sparse) : IContentSource
{
    public long Length => length;

    public Stream OpenRead() => new GeneratedStream(length, sparse);

    public static byte At(long position) => (byte)((position * 31) ^ (position >> 13) | 1);

    private sealed class GeneratedStream(long length, bool sparse) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            if (sparse)
            {
                buffer[..n].Clear();
                if (n > 0 && _position + n == length)
                {
                    buffer[n - 1] = (byte)'Z';
                }
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    buffer[i] = At(_position + i);
                }
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
