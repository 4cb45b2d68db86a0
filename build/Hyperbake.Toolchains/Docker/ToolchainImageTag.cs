using System.Security.Cryptography;
using System.Text;

namespace Hyperbake.Toolchains.Docker;

/// <summary>
/// The content tag of a toolchain image (linuxkit's <c>pkg show-tag</c> idea): the first 16 hex digits of
/// a SHA-256 over the Dockerfile folder's files (relative path and bytes, ordinal order) and the base image id,
/// so the tag changes exactly when the image would.
/// </summary>
public static class ToolchainImageTag
{
    public const string Repository = "hyperbake";

    public static string Compute(string toolchainName, string folder, string baseImageId) =>
        $"{Repository}/{toolchainName}:{Hash(folder, baseImageId)}";

    public static string Hash(string folder, string baseImageId)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(folder, f).Replace('\\', '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        Span<byte> length = stackalloc byte[8];
        foreach (var (relative, full) in files)
        {
            var bytes = File.ReadAllBytes(full);
            sha.AppendData(Encoding.UTF8.GetBytes(relative));
            sha.AppendData([0]);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, bytes.LongLength);
            sha.AppendData(length);
            sha.AppendData(bytes);
        }

        sha.AppendData(Encoding.UTF8.GetBytes("base:" + baseImageId));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
