namespace Hyperbake.Imaging.Partitions.Gpt;

/// <summary>
/// GUIDs on disk (GPT, VHDX) use the mixed-endian form: the first three fields little-endian,
/// the last eight bytes as written. <see cref="Guid.TryWriteBytes(Span{byte})"/> produces exactly that.
/// </summary>
public static class GuidEncoding
{
    public static void WriteMixedEndian(Span<byte> destination, Guid value)
    {
        if (!value.TryWriteBytes(destination))
        {
            throw new ArgumentException("A GUID needs 16 bytes.", nameof(destination));
        }
    }

    public static Guid ReadMixedEndian(ReadOnlySpan<byte> source) => new(source[..16]);
}
