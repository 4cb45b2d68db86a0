namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>
/// LZMA2: a sequence of chunks, each either stored or LZMA-compressed, whose control byte says
/// whether the dictionary, the state or the properties are reset. Decodes one chunk per call into the
/// dictionary, from where the caller reads the bytes.
/// </summary>
internal sealed class Lzma2Decoder
{
    private const int MaxChunkCompressed = 1 << 16;
    private readonly Stream source;
    private readonly LzmaDictionary dictionary;
    private readonly LzmaDecoder lzma = new();
    private readonly byte[] chunk = new byte[MaxChunkCompressed + 16];
    private bool needDictionaryReset = true;
    private bool needProperties = true;

    public Lzma2Decoder(Stream source, byte dictionaryProperty)
    {
        this.source = source;
        if (dictionaryProperty > 40)
        {
            throw new XzFormatException($"Corrupt LZMA2 filter properties: dictionary size byte {dictionaryProperty} is above 40.");
        }

        var dictionarySize = dictionaryProperty == 40 ? uint.MaxValue : (2u | (dictionaryProperty & 1u)) << (dictionaryProperty / 2 + 11);
        if (dictionarySize > 1u << 30)
        {
            throw new XzFormatException($"The LZMA2 dictionary is {dictionarySize} bytes; this decoder accepts up to 1 GiB.");
        }

        // Room for a whole chunk of unread output (up to 2 MiB) besides the history.
        dictionary = new LzmaDictionary((int)Math.Max(dictionarySize, (1u << 21) + (1u << 16)));
    }

    public bool Finished { get; private set; }

    public int Read(Span<byte> destination)
    {
        while (dictionary.Unread == 0 && !Finished)
        {
            NextChunk();
        }

        return dictionary.Read(destination);
    }

    private void NextChunk()
    {
        var control = ReadByte();
        if (control == 0x00)
        {
            Finished = true;
            return;
        }

        if (control is 0x01 or 0x02)
        {
            if (control == 0x01)
            {
                dictionary.Reset();
                needDictionaryReset = false;
            }
            else if (needDictionaryReset)
            {
                throw new XzFormatException("Corrupt LZMA2 data: the first chunk does not reset the dictionary.");
            }

            var size = ReadUInt16BigEndian() + 1;
            ReadExactly(chunk.AsSpan(0, size));
            dictionary.Write(chunk.AsSpan(0, size));
            return;
        }

        if (control < 0x80)
        {
            throw new XzFormatException($"Corrupt LZMA2 data: control byte 0x{control:X2} is invalid.");
        }

        var unpacked = ((control & 0x1F) << 16) + ReadUInt16BigEndian() + 1;
        var packed = ReadUInt16BigEndian() + 1;
        var reset = (control >> 5) & 0x03;
        if (reset == 3)
        {
            dictionary.Reset();
            needDictionaryReset = false;
        }
        else if (needDictionaryReset)
        {
            throw new XzFormatException("Corrupt LZMA2 data: the first chunk does not reset the dictionary.");
        }

        if (reset >= 2)
        {
            int properties = ReadByte();
            if (properties >= 9 * 5 * 5)
            {
                throw new XzFormatException($"Corrupt LZMA2 data: properties byte {properties} is invalid.");
            }

            lzma.SetProperties(properties % 9, properties / 9 % 5, properties / 45);
            needProperties = false;
        }
        else if (needProperties)
        {
            throw new XzFormatException("Corrupt LZMA2 data: an LZMA chunk before any properties were given.");
        }

        if (reset >= 1)
        {
            lzma.ResetState();
        }

        ReadExactly(chunk.AsSpan(0, packed));
        chunk.AsSpan(packed, 16).Clear();
        lzma.DecodeChunk(chunk, packed, dictionary, unpacked);
    }

    private int ReadUInt16BigEndian() => (ReadByte() << 8) | ReadByte();

    private byte ReadByte()
    {
        var b = source.ReadByte();
        return b < 0 ? throw new XzFormatException("Truncated .xz data: the LZMA2 stream ends before its end marker.") : (byte)b;
    }

    private void ReadExactly(Span<byte> destination)
    {
        try
        {
            source.ReadExactly(destination);
        }
        catch (EndOfStreamException)
        {
            throw new XzFormatException("Truncated .xz data: an LZMA2 chunk is cut short.");
        }
    }
}
