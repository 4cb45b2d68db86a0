namespace Hyperbake.Imaging.Iso9660.RockRidge;

/// <summary>
/// SUSP 1.12 section 4: every system use entry starts with a two-letter signature, its length
/// (one byte, so at most 255) and a version.
/// </summary>
internal static class SuspEntry
{
    public const int Signature = 0;
    public const int Length = 2;
    public const int Version = 3;
    public const int Data = 4;

    public const int MaxLength = 255;

    public static byte[] Create(ReadOnlySpan<byte> signature, int dataLength)
    {
        var entry = new byte[Data + dataLength];
        signature.CopyTo(entry);
        entry[Length] = checked((byte)entry.Length);
        entry[Version] = 1;
        return entry;
    }
}
