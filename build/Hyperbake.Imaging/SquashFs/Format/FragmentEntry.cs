using System.Buffers.Binary;

namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>One entry of the fragment table: where a fragment block is stored and its stored size word.</summary>
internal readonly record struct FragmentEntry(ulong Start, uint StoredSize)
{
    public const int Size = 16;
    public const int StartOffset = 0;
    public const int StoredSizeOffset = StartOffset + 8;
    public const int UnusedOffset = StoredSizeOffset + 4;

    public void WriteTo(Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[StartOffset..], Start);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[StoredSizeOffset..], StoredSize);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[UnusedOffset..], 0);
    }
}
