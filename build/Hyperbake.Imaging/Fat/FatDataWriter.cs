using Hyperbake.Imaging.Streams;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Imaging.Fat;

/// <summary>
/// Writes the data area front to back through one large buffer: files and directories are laid
/// out in cluster order, so the small zero tails of their last clusters are filled in rather than
/// seeked over, and thousands of small files become a few large writes. Into a file, the writes
/// happen on a thread of their own (<see cref="BackgroundFileWriter"/>) while the next files are read.
/// </summary>
internal sealed class FatDataWriter(Stream output, BackgroundFileWriter? background = null)
{
    private const int BufferSize = 4 << 20;

    /// <summary>Gaps larger than this are seeked over (left as holes) instead of written as zeros.</summary>
    private const int MaxFilledGap = 64 << 10;

    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart = -1;
    private int _length;

    private long End => _bufferStart + _length;

    public void Write(long offset, ReadOnlySpan<byte> bytes)
    {
        MoveTo(offset);
        while (bytes.Length > 0)
        {
            var n = Math.Min(bytes.Length, BufferSize - _length);
            bytes[..n].CopyTo(_buffer.AsSpan(_length));
            _length += n;
            bytes = bytes[n..];
            if (_length == BufferSize)
            {
                Flush();
            }
        }
    }

    /// <summary>Copies a file's content to <paramref name="offset"/>, reading straight into the buffer.</summary>
    public void Copy(long offset, IContentSource content, string path)
    {
        MoveTo(offset);
        using var input = content.OpenRead();
        var left = content.Length;
        while (left > 0)
        {
            if (_length == BufferSize)
            {
                Flush();
            }

            var n = input.Read(_buffer, _length, (int)Math.Min(BufferSize - _length, left));
            if (n == 0)
            {
                throw new FileTreeException($"File '{path}' is shorter than its declared {content.Length} bytes (its source changed after the tree was built).");
            }

            _length += n;
            left -= n;
        }

        Span<byte> probe = stackalloc byte[1];
        if (input.Read(probe) != 0)
        {
            throw new FileTreeException($"File '{path}' is longer than its declared {content.Length} bytes (its source changed after the tree was built).");
        }
    }

    public void Flush()
    {
        if (_length > 0 && background is not null)
        {
            background.Write(_bufferStart, _buffer.AsSpan(0, _length));
        }
        else if (_length > 0)
        {
            output.Position = _bufferStart;
            output.Write(_buffer, 0, _length);
        }

        _bufferStart = End;
        _length = 0;
    }

    private void MoveTo(long offset)
    {
        if (_bufferStart >= 0 && offset >= End && offset - End <= MaxFilledGap)
        {
            var gap = (int)(offset - End);
            while (gap > 0)
            {
                var n = Math.Min(gap, BufferSize - _length);
                _buffer.AsSpan(_length, n).Clear();
                _length += n;
                gap -= n;
                if (_length == BufferSize)
                {
                    Flush();
                }
            }

            return;
        }

        if (_bufferStart >= 0 && offset < End)
        {
            throw new InvalidOperationException($"FAT data must be written in ascending order (offset {offset} after {End}).");
        }

        Flush();
        _bufferStart = offset;
    }
}
