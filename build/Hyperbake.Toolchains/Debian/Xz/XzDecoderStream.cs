using System.Buffers.Binary;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>
/// Decompresses the .xz container (streams of blocks, an index and a footer; concatenated streams and
/// stream padding allowed) with the LZMA2 filter, verifying every header CRC32 and each block's check
/// (CRC32, CRC64 or SHA-256). Written from "The .xz File Format" 1.1.0; forward-only, like GZipStream.
/// </summary>
public sealed class XzDecoderStream : Stream
{
    private readonly CountingStream input;
    private readonly bool leaveOpen;
    private readonly Stream inner;
    private byte streamFlags;
    private XzCheck check = new(0);
    private Lzma2Decoder? block;
    private long blockStart;
    private long blockUncompressed;
    private long? declaredCompressed;
    private long? declaredUncompressed;
    private long blocksInStream;
    private bool finished;

    public XzDecoderStream(Stream source, bool leaveOpen = false)
    {
        inner = source;
        input = new CountingStream(source);
        this.leaveOpen = leaveOpen;
        ReadStreamHeader(first: true);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Decompresses a whole .xz byte array (small indexes, tests).</summary>
    public static byte[] Decompress(byte[] compressed)
    {
        using var xz = new XzDecoderStream(new MemoryStream(compressed));
        using var output = new MemoryStream();
        xz.CopyTo(output);
        return output.ToArray();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!finished)
        {
            if (block is null)
            {
                if (!StartBlock())
                {
                    continue;
                }
            }

            var n = block!.Read(buffer);
            if (n > 0)
            {
                check.Update(buffer[..n]);
                blockUncompressed += n;
                return n;
            }

            EndBlock();
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ReadStreamHeader(bool first)
    {
        Span<byte> header = stackalloc byte[XzLayout.HeaderSize];
        if (!first)
        {
            // Stream padding (multiples of four zero bytes), then another stream or the end.
            while (true)
            {
                var got = input.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false);
                if (got == 0)
                {
                    finished = true;
                    return;
                }

                if (got < 4)
                {
                    throw new XzFormatException("Corrupt .xz data: stream padding is not a multiple of four bytes.");
                }

                if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0)
                {
                    break;
                }
            }

            ReadExactly(header[4..], "stream header");
        }
        else
        {
            ReadExactly(header, "stream header");
        }

        if (!header[..6].SequenceEqual(XzLayout.HeaderMagic))
        {
            throw new XzFormatException("Not .xz data: the stream header magic (FD 37 7A 58 5A 00) is missing.");
        }

        var flags = header.Slice(XzLayout.HeaderFlagsOffset, 2);
        if (Crc32.Compute(flags) != BinaryPrimitives.ReadUInt32LittleEndian(header[XzLayout.HeaderCrcOffset..]))
        {
            throw new XzFormatException("Corrupt .xz data: the stream header CRC32 does not match.");
        }

        if (flags[0] != 0 || (flags[1] & 0xF0) != 0)
        {
            throw new XzFormatException($"Unsupported .xz stream flags 0x{flags[0]:X2}{flags[1]:X2}.");
        }

        streamFlags = flags[1];
        check = new XzCheck(streamFlags & 0x0F);
        blocksInStream = 0;
    }

    /// <summary>Reads a block header; false when the index came instead (then the stream's end has been read).</summary>
    private bool StartBlock()
    {
        var sizeByte = input.ReadByte();
        if (sizeByte < 0)
        {
            throw new XzFormatException("Truncated .xz data: expected a block header or the index.");
        }

        if (sizeByte == 0)
        {
            ReadIndexAndFooter();
            ReadStreamHeader(first: false);
            return false;
        }

        var headerSize = (sizeByte + 1) * 4;
        var header = new byte[headerSize];
        header[0] = (byte)sizeByte;
        ReadExactly(header.AsSpan(1), "block header");
        if (Crc32.Compute(header.AsSpan(0, headerSize - 4)) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(headerSize - 4)))
        {
            throw new XzFormatException("Corrupt .xz data: a block header CRC32 does not match.");
        }

        var flags = header[1];
        if ((flags & XzLayout.ReservedBlockFlags) != 0)
        {
            throw new XzFormatException($"Unsupported .xz block flags 0x{flags:X2}.");
        }

        var at = 2;
        declaredCompressed = (flags & XzLayout.CompressedSizePresent) != 0 ? (long)ReadVarint(header, ref at) : null;
        declaredUncompressed = (flags & XzLayout.UncompressedSizePresent) != 0 ? (long)ReadVarint(header, ref at) : null;
        var filters = (flags & XzLayout.FilterCountMask) + 1;
        byte? dictionaryProperty = null;
        for (var i = 0; i < filters; i++)
        {
            var id = ReadVarint(header, ref at);
            var propertiesSize = (int)ReadVarint(header, ref at);
            if (id != XzLayout.Lzma2FilterId || i != filters - 1 || propertiesSize != 1)
            {
                throw new XzFormatException(
                    $"Unsupported .xz filter 0x{id:X2} (filter {i + 1} of {filters}): this decoder handles LZMA2 alone, which is what dpkg-deb and Debian's archive use.");
            }

            dictionaryProperty = header[at++];
        }

        blockStart = input.Consumed - headerSize;
        blockUncompressed = 0;
        check.Reset();
        block = new Lzma2Decoder(input, dictionaryProperty!.Value);
        return true;
    }

    private void EndBlock()
    {
        var compressed = input.Consumed - blockStart;
        var padding = (int)((4 - (compressed % 4)) % 4);
        Span<byte> scratch = stackalloc byte[64];
        ReadExactly(scratch[..padding], "block padding");
        if (scratch[..padding].ContainsAnyExcept((byte)0))
        {
            throw new XzFormatException("Corrupt .xz data: block padding is not zero.");
        }

        ReadExactly(scratch[..check.Size], "block check");
        if (!check.Matches(scratch[..check.Size]))
        {
            throw new XzFormatException($"Corrupt .xz data: the {(XzCheckKind)(streamFlags & 0x0F)} check of block {blocksInStream + 1} does not match its contents.");
        }

        if (declaredUncompressed is { } u && u != blockUncompressed)
        {
            throw new XzFormatException($"Corrupt .xz data: a block declares {u} uncompressed bytes but holds {blockUncompressed}.");
        }

        blocksInStream++;
        block = null;
    }

    private void ReadIndexAndFooter()
    {
        // The index indicator (0x00) has been read. Records are varints; the CRC32 covers indicator..padding.
        var index = new List<byte> { 0 };
        ulong NextVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 63; shift += 7)
            {
                var b = input.ReadByte();
                if (b < 0)
                {
                    throw new XzFormatException("Truncated .xz data: the index is cut short.");
                }

                index.Add((byte)b);
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new XzFormatException("Corrupt .xz data: an index number is too long.");
        }

        var records = NextVarint();
        if (records != (ulong)blocksInStream)
        {
            throw new XzFormatException($"Corrupt .xz data: the index lists {records} blocks, the stream has {blocksInStream}.");
        }

        for (ulong i = 0; i < records; i++)
        {
            NextVarint();
            NextVarint();
        }

        while (index.Count % 4 != 0)
        {
            var b = input.ReadByte();
            if (b != 0)
            {
                throw new XzFormatException("Corrupt .xz data: index padding is not zero.");
            }

            index.Add(0);
        }

        Span<byte> crc = stackalloc byte[4];
        ReadExactly(crc, "index CRC32");
        if (Crc32.Compute(index.ToArray()) != BinaryPrimitives.ReadUInt32LittleEndian(crc))
        {
            throw new XzFormatException("Corrupt .xz data: the index CRC32 does not match.");
        }

        Span<byte> footer = stackalloc byte[XzLayout.FooterSize];
        ReadExactly(footer, "stream footer");
        if (!footer[XzLayout.FooterMagicOffset..].SequenceEqual(XzLayout.FooterMagic)
            || Crc32.Compute(footer.Slice(XzLayout.FooterBackwardSizeOffset, 6)) != BinaryPrimitives.ReadUInt32LittleEndian(footer)
            || footer[XzLayout.FooterFlagsOffset] != 0
            || footer[XzLayout.FooterFlagsOffset + 1] != streamFlags)
        {
            throw new XzFormatException("Corrupt .xz data: the stream footer does not match its header.");
        }

        var backward = ((long)BinaryPrimitives.ReadUInt32LittleEndian(footer[XzLayout.FooterBackwardSizeOffset..]) + 1) * 4;
        if (backward != index.Count + 4)
        {
            throw new XzFormatException("Corrupt .xz data: the footer's index size does not match the index.");
        }
    }

    private static ulong ReadVarint(byte[] header, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (at >= header.Length - 4)
            {
                break;
            }

            var b = header[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new XzFormatException("Corrupt .xz data: a number in a block header is cut short.");
    }

    private void ReadExactly(Span<byte> destination, string what)
    {
        if (input.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) != destination.Length)
        {
            throw new XzFormatException($"Truncated .xz data: the {what} is cut short.");
        }
    }
}
