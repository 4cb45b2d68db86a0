namespace Hyperbake.Imaging.UBoot.Fit;

/// <summary>The <c>algo</c> values of a FIT hash node that this writer can compute.</summary>
public enum FitHashAlgorithm
{
    Crc32,
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

/// <summary>One hash subnode of an image: its node name (<c>hash</c>, <c>hash-1</c>…) and algorithm.</summary>
public sealed record FitHash(string NodeName, FitHashAlgorithm Algorithm)
{
    public string AlgorithmName => Algorithm switch
    {
        FitHashAlgorithm.Crc32 => "crc32",
        FitHashAlgorithm.Md5 => "md5",
        FitHashAlgorithm.Sha1 => "sha1",
        FitHashAlgorithm.Sha256 => "sha256",
        FitHashAlgorithm.Sha384 => "sha384",
        FitHashAlgorithm.Sha512 => "sha512",
        _ => throw new ArgumentOutOfRangeException(nameof(Algorithm)),
    };

    /// <summary>The digest as U-Boot stores it in <c>value</c> (CRC-32 as one big-endian word).</summary>
    public byte[] Compute(ReadOnlySpan<byte> data) => Algorithm switch
    {
        FitHashAlgorithm.Crc32 => BigEndian(Checksums.Crc32.Compute(data)),
        FitHashAlgorithm.Md5 => System.Security.Cryptography.MD5.HashData(data),
        FitHashAlgorithm.Sha1 => System.Security.Cryptography.SHA1.HashData(data),
        FitHashAlgorithm.Sha256 => System.Security.Cryptography.SHA256.HashData(data),
        FitHashAlgorithm.Sha384 => System.Security.Cryptography.SHA384.HashData(data),
        FitHashAlgorithm.Sha512 => System.Security.Cryptography.SHA512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(Algorithm)),
    };

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
