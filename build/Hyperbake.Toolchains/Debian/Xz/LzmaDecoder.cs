using System.Runtime.CompilerServices;

namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>
/// The LZMA symbol decoder (range coder, literals, matches, repeated matches) as LZMA2 uses it:
/// one chunk at a time, with state and properties reset when the chunk's control byte says so.
/// </summary>
internal sealed class LzmaDecoder
{
    private const int States = 12;
    private const int PosStatesMax = 1 << 4;
    private const int ProbabilityBits = 11;
    private const int ProbabilityInit = 1 << (ProbabilityBits - 1);
    private const int MoveBits = 5;
    private const int TopValue = 1 << 24;
    private const int LenToPosStates = 4;
    private const int StartPosModelIndex = 4;
    private const int EndPosModelIndex = 14;
    private const int FullDistances = 1 << (EndPosModelIndex >> 1);
    private const int AlignBits = 4;
    private const int MatchMinLength = 2;

    private readonly ushort[] isMatch = new ushort[States * PosStatesMax];
    private readonly ushort[] isRep = new ushort[States];
    private readonly ushort[] isRepG0 = new ushort[States];
    private readonly ushort[] isRepG1 = new ushort[States];
    private readonly ushort[] isRepG2 = new ushort[States];
    private readonly ushort[] isRep0Long = new ushort[States * PosStatesMax];
    private readonly ushort[] posSlot = new ushort[LenToPosStates << 6];
    private readonly ushort[] specPos = new ushort[1 + FullDistances - EndPosModelIndex];
    private readonly ushort[] align = new ushort[1 << AlignBits];
    private readonly LengthDecoder matchLength = new();
    private readonly LengthDecoder repLength = new();
    private ushort[] literals = new ushort[0x300];

    private int lc;
    private int lp;
    private int pb;
    private int state;
    private int rep0;
    private int rep1;
    private int rep2;
    private int rep3;

    // Range decoder over the current chunk's bytes.
    private byte[] input = [];
    private int inputPosition;
    private uint range;
    private uint code;

    public void SetProperties(int literalContextBits, int literalPositionBits, int positionBits)
    {
        if (literalContextBits + literalPositionBits > 4 || positionBits > 4)
        {
            throw new XzFormatException($"Corrupt LZMA2 properties: lc={literalContextBits} lp={literalPositionBits} pb={positionBits} (LZMA2 needs lc+lp <= 4, pb <= 4).");
        }

        lc = literalContextBits;
        lp = literalPositionBits;
        pb = positionBits;
        var size = 0x300 << (lc + lp);
        if (literals.Length != size)
        {
            literals = new ushort[size];
        }
    }

    public void ResetState()
    {
        Array.Fill(isMatch, (ushort)ProbabilityInit);
        Array.Fill(isRep, (ushort)ProbabilityInit);
        Array.Fill(isRepG0, (ushort)ProbabilityInit);
        Array.Fill(isRepG1, (ushort)ProbabilityInit);
        Array.Fill(isRepG2, (ushort)ProbabilityInit);
        Array.Fill(isRep0Long, (ushort)ProbabilityInit);
        Array.Fill(posSlot, (ushort)ProbabilityInit);
        Array.Fill(specPos, (ushort)ProbabilityInit);
        Array.Fill(align, (ushort)ProbabilityInit);
        Array.Fill(literals, (ushort)ProbabilityInit);
        matchLength.Reset();
        repLength.Reset();
        state = 0;
        rep0 = rep1 = rep2 = rep3 = 0;
    }

    /// <summary>Decodes one LZMA chunk: <paramref name="compressedLength"/> bytes of <paramref name="data"/> into exactly <paramref name="unpackedSize"/> bytes.</summary>
    /// <param name="data">The chunk, followed by at least 8 spare bytes so the range decoder never reads past the array.</param>
    public void DecodeChunk(byte[] data, int compressedLength, LzmaDictionary dictionary, int unpackedSize)
    {
        input = data;
        inputPosition = 0;
        if (data[0] != 0)
        {
            throw new XzFormatException("Corrupt LZMA data: the range coder's first byte is not zero.");
        }

        code = (uint)(data[1] << 24 | data[2] << 16 | data[3] << 8 | data[4]);
        range = 0xFFFFFFFF;
        inputPosition = 5;

        var posMask = (1 << pb) - 1;
        var literalPositionMask = (1 << lp) - 1;
        var remaining = unpackedSize;
        while (remaining > 0)
        {
            var position = (int)dictionary.Filled;
            var posState = position & posMask;
            if (DecodeBit(isMatch, (state << 4) + posState) == 0)
            {
                var previous = dictionary.Get(1);
                var offset = 0x300 * (((position & literalPositionMask) << lc) + (previous >> (8 - lc)));
                int symbol = 1;
                if (state < 7)
                {
                    while (symbol < 0x100)
                    {
                        symbol = (symbol << 1) | DecodeBit(literals, offset + symbol);
                    }
                }
                else
                {
                    int matchByte = dictionary.Get(rep0 + 1);
                    while (symbol < 0x100)
                    {
                        var matchBit = (matchByte >> 7) & 1;
                        matchByte <<= 1;
                        var bit = DecodeBit(literals, offset + ((1 + matchBit) << 8) + symbol);
                        symbol = (symbol << 1) | bit;
                        if (matchBit != bit)
                        {
                            while (symbol < 0x100)
                            {
                                symbol = (symbol << 1) | DecodeBit(literals, offset + symbol);
                            }

                            break;
                        }
                    }
                }

                dictionary.Put((byte)symbol);
                state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
                remaining--;
                continue;
            }

            int length;
            if (DecodeBit(isRep, state) == 0)
            {
                rep3 = rep2;
                rep2 = rep1;
                rep1 = rep0;
                length = matchLength.Decode(this, posState);
                state = state < 7 ? 7 : 10;
                rep0 = DecodeDistance(length);
                if (rep0 == -1)
                {
                    throw new XzFormatException("Corrupt LZMA2 data: an end marker inside a chunk.");
                }
            }
            else
            {
                if (DecodeBit(isRepG0, state) == 0)
                {
                    if (DecodeBit(isRep0Long, (state << 4) + posState) == 0)
                    {
                        // A short rep: one byte from the last distance.
                        state = state < 7 ? 9 : 11;
                        dictionary.Put(dictionary.Get(rep0 + 1));
                        remaining--;
                        continue;
                    }
                }
                else
                {
                    int distance;
                    if (DecodeBit(isRepG1, state) == 0)
                    {
                        distance = rep1;
                    }
                    else
                    {
                        if (DecodeBit(isRepG2, state) == 0)
                        {
                            distance = rep2;
                        }
                        else
                        {
                            distance = rep3;
                            rep3 = rep2;
                        }

                        rep2 = rep1;
                    }

                    rep1 = rep0;
                    rep0 = distance;
                }

                length = repLength.Decode(this, posState);
                state = state < 7 ? 8 : 11;
            }

            length += MatchMinLength;
            if (length > remaining)
            {
                throw new XzFormatException($"Corrupt LZMA2 data: a match of {length} bytes runs past the end of its chunk ({remaining} bytes left).");
            }

            dictionary.Copy(rep0 + 1, length);
            remaining -= length;
        }

        if (inputPosition != compressedLength)
        {
            throw new XzFormatException($"Corrupt LZMA2 data: a chunk declared {compressedLength} compressed bytes but its symbols used {inputPosition}.");
        }
    }

    private int DecodeDistance(int length)
    {
        var lenState = Math.Min(length, LenToPosStates - 1);
        var slot = DecodeTree(posSlot, lenState << 6, 6);
        if (slot < StartPosModelIndex)
        {
            return slot;
        }

        var directBits = (slot >> 1) - 1;
        var distance = (2 | (slot & 1)) << directBits;
        if (slot < EndPosModelIndex)
        {
            return distance + DecodeReverseTree(specPos, distance - slot, directBits);
        }

        distance += (int)(DecodeDirectBits(directBits - AlignBits) << AlignBits);
        return distance + DecodeReverseTree(align, 0, AlignBits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int DecodeBit(ushort[] probabilities, int index)
    {
        uint probability = probabilities[index];
        var bound = (range >> ProbabilityBits) * probability;
        int bit;
        if (code < bound)
        {
            range = bound;
            probabilities[index] = (ushort)(probability + (((1u << ProbabilityBits) - probability) >> MoveBits));
            bit = 0;
        }
        else
        {
            range -= bound;
            code -= bound;
            probabilities[index] = (ushort)(probability - (probability >> MoveBits));
            bit = 1;
        }

        if (range < TopValue)
        {
            range <<= 8;
            code = (code << 8) | input[inputPosition++];
        }

        return bit;
    }

    internal int DecodeTree(ushort[] probabilities, int offset, int bits)
    {
        var m = 1;
        for (var i = 0; i < bits; i++)
        {
            m = (m << 1) | DecodeBit(probabilities, offset + m);
        }

        return m - (1 << bits);
    }

    private int DecodeReverseTree(ushort[] probabilities, int offset, int bits)
    {
        int m = 1, symbol = 0;
        for (var i = 0; i < bits; i++)
        {
            var bit = DecodeBit(probabilities, offset + m);
            m = (m << 1) | bit;
            symbol |= bit << i;
        }

        return symbol;
    }

    private uint DecodeDirectBits(int count)
    {
        uint result = 0;
        for (var i = 0; i < count; i++)
        {
            range >>= 1;
            code -= range;
            var t = 0u - (code >> 31);
            code += range & t;
            result = (result << 1) + (t + 1);
            if (range < TopValue)
            {
                range <<= 8;
                code = (code << 8) | input[inputPosition++];
            }
        }

        return result;
    }

    /// <summary>Match lengths: 2..9 (low, per pos state), 10..17 (mid, per pos state), 18..273 (high).</summary>
    private sealed class LengthDecoder
    {
        private readonly ushort[] choice = new ushort[2];
        private readonly ushort[] low = new ushort[PosStatesMax << 3];
        private readonly ushort[] mid = new ushort[PosStatesMax << 3];
        private readonly ushort[] high = new ushort[256];

        public void Reset()
        {
            Array.Fill(choice, (ushort)ProbabilityInit);
            Array.Fill(low, (ushort)ProbabilityInit);
            Array.Fill(mid, (ushort)ProbabilityInit);
            Array.Fill(high, (ushort)ProbabilityInit);
        }

        public int Decode(LzmaDecoder decoder, int posState)
        {
            if (decoder.DecodeBit(choice, 0) == 0)
            {
                return decoder.DecodeTree(low, posState << 3, 3);
            }

            if (decoder.DecodeBit(choice, 1) == 0)
            {
                return 8 + decoder.DecodeTree(mid, posState << 3, 3);
            }

            return 16 + decoder.DecodeTree(high, 0, 8);
        }
    }
}
