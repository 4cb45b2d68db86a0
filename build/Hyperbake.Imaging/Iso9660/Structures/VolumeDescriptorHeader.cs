namespace Hyperbake.Imaging.Iso9660.Structures;

/// <summary>ECMA-119 8.1: the type, the standard identifier "CD001" and the version that open every descriptor.</summary>
internal static class VolumeDescriptorHeader
{
    public const int Type = 0;
    public const int StandardIdentifier = 1;
    public const int Version = 6;

    public static void Write(Span<byte> sector, VolumeDescriptorType type)
    {
        sector[Type] = (byte)type;
        "CD001"u8.CopyTo(sector[StandardIdentifier..]);
        sector[Version] = 1;
    }

    /// <summary>8.3: the descriptor that ends the set is only the header.</summary>
    public static void WriteSetTerminator(Span<byte> sector) => Write(sector, VolumeDescriptorType.SetTerminator);
}
