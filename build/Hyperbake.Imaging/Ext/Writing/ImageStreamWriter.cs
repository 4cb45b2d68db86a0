using Hyperbake.Imaging.Ext.OnDisk;

namespace Hyperbake.Imaging.Ext.Writing;

/// <summary>
/// Positioned writes to the image stream, merged while they are contiguous so that file data,
/// which is placed in ascending order, reaches the stream in large sequential writes.
/// </summary>
internal sealed class ImageStreamWriter(Stream output, int blockSize) : IBlockSink
{
    private const int BufferSize = 4 << 20;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _pendingOffset;
    private int _pendingLength;

    public void WriteBlock(long block, ReadOnlySpan<byte> data) => WriteAt(block * blockSize, data);

    public void WriteAt(long offset, ReadOnlySpan<byte> data)
    {
        if (_pendingLength > 0 && offset == _pendingOffset + _pendingLength && _pendingLength + data.Length <= BufferSize)
        {
            data.CopyTo(_buffer.AsSpan(_pendingLength));
            _pendingLength += data.Length;
            return;
        }

        Flush();
        if (data.Length >= BufferSize)
        {
            output.Position = offset;
            output.Write(data);
            return;
        }

        _pendingOffset = offset;
        data.CopyTo(_buffer);
        _pendingLength = data.Length;
    }

    public void Flush()
    {
        if (_pendingLength == 0)
        {
            return;
        }

        output.Position = _pendingOffset;
        output.Write(_buffer, 0, _pendingLength);
        _pendingLength = 0;
    }
}
