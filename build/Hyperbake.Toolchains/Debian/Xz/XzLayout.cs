namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>Field offsets of the .xz stream header and footer (The .xz File Format 1.1.0, sections 2.1.1 and 2.1.2).</summary>
internal static class XzLayout
{
    public static ReadOnlySpan<byte> HeaderMagic => [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];

    public static ReadOnlySpan<byte> FooterMagic => [0x59, 0x5A];

    public const int HeaderSize = 12;
    public const int HeaderMagicOffset = 0;
    public const int HeaderFlagsOffset = HeaderMagicOffset + 6;
    public const int HeaderCrcOffset = HeaderFlagsOffset + 2;

    public const int FooterSize = 12;
    public const int FooterCrcOffset = 0;
    public const int FooterBackwardSizeOffset = FooterCrcOffset + 4;
    public const int FooterFlagsOffset = FooterBackwardSizeOffset + 4;
    public const int FooterMagicOffset = FooterFlagsOffset + 2;

    /// <summary>The filter id of LZMA2, the only filter xz uses unless asked for BCJ or delta.</summary>
    public const ulong Lzma2FilterId = 0x21;

    /// <summary>Block header flag bits.</summary>
    public const int FilterCountMask = 0x03;
    public const int CompressedSizePresent = 0x40;
    public const int UncompressedSizePresent = 0x80;
    public const int ReservedBlockFlags = 0x3C;
}
