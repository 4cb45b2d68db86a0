using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hyperbake.Imaging.Streams;

/// <summary>
/// A write-only stream over another that computes the SHA-256 of what passes through on a worker
/// thread, so a writer that streams its output front to back knows the file's hash when it
/// finishes instead of reading the file again afterwards. Only forward writes: no seeking.
/// </summary>
public sealed class Sha256WhileWriting : Stream
{
    private const int ChunkSize = 1 << 20;
    private readonly Stream _inner;
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _chunks = new(boundedCapacity: 4);
    private readonly Task<byte[]> _hasher;
    private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _filled;
    private long _position;
    private bool _disposed;

    public Sha256WhileWriting(Stream inner)
    {
        _inner = inner;
        _hasher = Task.Factory.StartNew(Hash, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("The SHA-256 is computed front to back; the stream cannot seek.");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        _position += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, ChunkSize - _filled);
            buffer[..n].CopyTo(_chunk.AsSpan(_filled));
            _filled += n;
            buffer = buffer[n..];
            if (_filled == ChunkSize)
            {
                Hand();
            }
        }
    }

    public override void Flush() => _inner.Flush();

    /// <summary>Flushes the stream underneath and returns the SHA-256 (lower-case hex) of everything written.</summary>
    public string Finish()
    {
        _inner.Flush();
        if (_filled > 0)
        {
            Hand();
        }

        _chunks.CompleteAdding();
        return Convert.ToHexStringLower(_hasher.GetAwaiter().GetResult());
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The SHA-256 is computed front to back; the stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (!_chunks.IsAddingCompleted)
            {
                // Abandoned (the writer failed): let the worker drain and return its buffers.
                _chunks.CompleteAdding();
                _hasher.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            }

            ArrayPool<byte>.Shared.Return(_chunk);
            _chunks.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Hand()
    {
        _chunks.Add((_chunk, _filled));
        _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        _filled = 0;
    }

    private byte[] Hash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (buffer, length) in _chunks.GetConsumingEnumerable())
        {
            sha.AppendData(buffer, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return sha.GetHashAndReset();
    }
}
