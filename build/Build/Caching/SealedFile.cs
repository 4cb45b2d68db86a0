using System.Security.Cryptography;

namespace Build.Caching;

/// <summary>
/// A small index file that ends with the SHA-256 of everything before it, so a damaged or cut
/// file is recognised and ignored (then rebuilt) instead of believed.
/// </summary>
internal static class SealedFile
{
    private const int SealLength = SHA256.HashSizeInBytes;

    /// <summary><paramref name="body"/> followed by its SHA-256.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> body)
    {
        var sealedBytes = new byte[body.Length + SealLength];
        body.CopyTo(sealedBytes);
        SHA256.HashData(body, sealedBytes.AsSpan(body.Length));
        return sealedBytes;
    }

    /// <summary>The body of <paramref name="sealedBytes"/>, or false when its seal does not match it.</summary>
    public static bool TryOpen(byte[] sealedBytes, out ArraySegment<byte> body)
    {
        body = default;
        if (sealedBytes.Length < SealLength)
        {
            return false;
        }

        var length = sealedBytes.Length - SealLength;
        if (!SHA256.HashData(sealedBytes.AsSpan(0, length)).AsSpan().SequenceEqual(sealedBytes.AsSpan(length)))
        {
            return false;
        }

        body = new ArraySegment<byte>(sealedBytes, 0, length);
        return true;
    }
}
