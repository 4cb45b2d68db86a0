using System.Security.Cryptography;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;

namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Turns a package's <c>data.tar</c> into a <see cref="FileTree"/> with the modes, owners, times, links and
/// devices the package declares (no root needed: nothing is written with those owners). The tar is
/// decompressed once into a <see cref="PackageDataCache"/>; the tree's files are slices of it, read
/// only when a writer streams them.
/// </summary>
public sealed class DebExtractor(string cacheRoot)
{
    public PackageDataCache Cache { get; } = new(cacheRoot);

    /// <summary>Adds the package's files to <paramref name="into"/> (a new tree when null) and returns it.</summary>
    public FileTree Extract(string debPath, FileTree? into = null) => Extract(Key(debPath), () => debPath, debPath, into);

    /// <summary>
    /// As <see cref="Extract(string, FileTree?)"/> for the package with <paramref name="sha256"/>:
    /// <paramref name="deb"/> gives its .deb only when the cache does not hold its data yet.
    /// </summary>
    /// <param name="name">What errors call the package.</param>
    public FileTree Extract(string sha256, Func<string> deb, string name, FileTree? into = null)
    {
        var tree = into ?? new FileTree();
        TarTreeReader.ReadFile(Cache.Open(sha256, deb), tree, new TarReadOptions { ArchiveName = $"{name} (data.tar)" });
        return tree;
    }

    /// <summary>The sha256 of a .deb: its name when the feed named it so (after checking it), else its bytes'.</summary>
    private static string Key(string debPath)
    {
        var name = Path.GetFileNameWithoutExtension(debPath);
        if (name.Length == 64 && name.All(char.IsAsciiHexDigitLower))
        {
            return name;
        }

        using var file = File.OpenRead(debPath);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
