using System.Buffers;
using System.Security.Cryptography;

namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// The <c>data.tar</c> of each .deb, decompressed once and kept by the package's sha256, so a build
/// reads a package's files from disk instead of decoding its xz again (a tenth of a second for
/// busybox-static, seconds for a kernel). <c>&lt;sha256&gt;.tar</c> holds the tar and
/// <c>&lt;sha256&gt;.tar.sha256</c>, written after it, the tar's SHA-256. Each appears only by rename
/// when complete, and every use checks the tar against its digest (as the content store checks a
/// blob on every restore): a damaged or half-made entry is made again from the .deb, never read.
/// </summary>
public sealed class PackageDataCache(string root)
{
    /// <summary>The layout version: a folder of its own, so a changed layout never misreads an older one.</summary>
    public const string FormatVersion = "v1";

    private const int BufferSize = 1 << 20;

    public string Directory => Path.Combine(root, FormatVersion);

    /// <summary>Where the decompressed data.tar of the package with this sha256 is kept.</summary>
    public string TarPath(string sha256) => Path.Combine(Directory, sha256.ToLowerInvariant() + ".tar");

    /// <summary>
    /// The checked data.tar of the package with <paramref name="sha256"/>. <paramref name="deb"/> gives
    /// the .deb (already checked against that sha256) and is called only when the cache must make it.
    /// </summary>
    public string Open(string sha256, Func<string> deb)
    {
        var tar = TarPath(sha256);
        if (!IsIntact(tar))
        {
            Make(deb(), tar);
        }

        return tar;
    }

    /// <summary>Whether the tar is there with its digest and still hashes to it.</summary>
    private static bool IsIntact(string tar)
    {
        var digestPath = DigestPath(tar);
        if (!File.Exists(digestPath) || !File.Exists(tar))
        {
            return false;
        }

        try
        {
            var expected = File.ReadAllText(digestPath).Trim();
            return HashOf(tar) == expected;
        }
        catch (FileNotFoundException)
        {
            // Replaced by another build between the checks: made again, with the same bytes.
            return false;
        }
    }

    /// <summary>Decompresses the data member to a temp file, hashing the very bytes written, then publishes tar and digest.</summary>
    private void Make(string debPath, string tar)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var digestPath = DigestPath(tar);

        // A damaged entry loses its digest first: until the new one is complete, nothing trusts the tar.
        File.Delete(digestPath);
        var suffix = $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var temp = tar + suffix;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var data = DebPackage.OpenTar(debPath, "data"))
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                int read;
                while ((read = data.Read(buffer, 0, BufferSize)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    output.Write(buffer, 0, read);
                }
            }

            ReadOnly(temp);
            File.Move(temp, tar, overwrite: true);
            File.WriteAllText(digestPath + suffix, Convert.ToHexStringLower(hash.GetHashAndReset()));
            File.Move(digestPath + suffix, digestPath, overwrite: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            File.Delete(temp);
            File.Delete(digestPath + suffix);
        }
    }

    private static string DigestPath(string tar) => tar + ".sha256";

    private static string HashOf(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(file, buffer.AsSpan(0, BufferSize), offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Like the content store's blobs: nothing is meant to change a cached tar in place.</summary>
    private static void ReadOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }
}
