namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>The integrity check stored after each block (stream flags byte 1, low nibble).</summary>
public enum XzCheckKind
{
    None = 0x00,
    Crc32 = 0x01,
    Crc64 = 0x04,
    Sha256 = 0x0A,
}
