using System.Buffers.Binary;
using System.Security.Cryptography;
using Hyperbake.Imaging.Checksums;

namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>Computes a block's check over its uncompressed bytes and compares it with the stored one.</summary>
internal sealed class XzCheck
{
    private readonly int kind;
    private uint crc32;
    private ulong crc64;
    private IncrementalHash? sha256;

    public XzCheck(int kind)
    {
        this.kind = kind;
        Reset();
    }

    /// <summary>The size of the stored check: 0, 4, 8, 16, 32 or 64 bytes by groups of three kinds.</summary>
    public int Size => kind == 0 ? 0 : 4 << ((kind - 1) / 3);

    public void Reset()
    {
        crc32 = 0;
        crc64 = 0;
        sha256?.Dispose();
        sha256 = kind == (int)XzCheckKind.Sha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        switch (kind)
        {
            case (int)XzCheckKind.Crc32:
                crc32 = Crc32.Append(crc32, data);
                break;
            case (int)XzCheckKind.Crc64:
                crc64 = Crc64.Append(crc64, data);
                break;
            case (int)XzCheckKind.Sha256:
                sha256!.AppendData(data);
                break;
        }
    }

    /// <summary>True when the stored value matches; kinds this decoder cannot compute are accepted unchecked.</summary>
    public bool Matches(ReadOnlySpan<byte> stored) => kind switch
    {
        (int)XzCheckKind.None => true,
        (int)XzCheckKind.Crc32 => BinaryPrimitives.ReadUInt32LittleEndian(stored) == crc32,
        (int)XzCheckKind.Crc64 => BinaryPrimitives.ReadUInt64LittleEndian(stored) == crc64,
        (int)XzCheckKind.Sha256 => stored.SequenceEqual(sha256!.GetHashAndReset()),
        _ => true,
    };
}
