using System.Security.Cryptography;
using System.Text;

namespace Hyperbake.Imaging.Partitions.Gpt;

/// <summary>
/// Derives stable GUIDs from a seed and a purpose (e.g. a partition name), so two builds of the
/// same inputs give identical disks. Never random, never the clock.
/// </summary>
public static class GuidDerivation
{
    /// <summary>
    /// SHA-256 of "seed\0purpose", truncated to 16 bytes and stamped as an RFC 9562 version 8
    /// (custom) GUID with the RFC variant, so tools display it as an ordinary GUID.
    /// </summary>
    public static Guid Derive(string seed, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\0" + purpose));
        // Treat the hash as the GUID's big-endian text order, then set version and variant.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
