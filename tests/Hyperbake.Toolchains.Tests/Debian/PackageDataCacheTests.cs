using System.Security.Cryptography;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;
using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Tests.Debian;

/// <summary>Packages decompressed once and reused, checked on every use; the .deb is made by dpkg-deb, the independent tool.</summary>
public sealed class PackageDataCacheTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string deb;
    private readonly string sha256;
    private int fetches;

    public PackageDataCacheTests()
    {
        var root = temp["package"];
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"),
            "Package: hyperbake-test\nVersion: 1.0\nArchitecture: all\nMaintainer: Test <test@example.invalid>\nDescription: test package\n");
        Directory.CreateDirectory(Path.Combine(root, "usr", "bin"));
        File.WriteAllBytes(Path.Combine(root, "usr", "bin", "tool"), [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7))]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(root, "usr", "bin", "tool"), (UnixFileMode)0x1ED);
        }

        File.WriteAllText(Path.Combine(root, "usr", "bin", "readme"), "hello\n");
        File.CreateSymbolicLink(Path.Combine(root, "usr", "bin", "alias"), "tool");
        deb = temp["hyperbake-test.deb"];
        ExternalTool.Check("dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, deb);
        sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(deb)));
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_package_is_decompressed_once_then_read_from_the_cache_with_the_same_tree()
    {
        var extractor = new DebExtractor(temp["cache"]);

        var first = Extract(extractor);
        var second = Extract(extractor);

        fetches.Should().Be(1, "the second extraction needs neither the .deb nor xz");
        Describe(second).Should().Equal(Describe(first));
        var tool = second.Find("usr/bin/tool")!;
        tool.Mode.Should().Be(0x1ED);
        $"{tool.Uid}/{tool.Gid}".Should().Be("0/0");
        Read(tool).Should().Equal(File.ReadAllBytes(temp["package/usr/bin/tool"]));
        second.Find("usr/bin/alias")!.SymlinkTarget.Should().Be("tool");
        File.Exists(extractor.Cache.TarPath(sha256)).Should().BeTrue();
    }

    [Fact]
    public void A_damaged_cached_tar_is_never_read_but_made_again_from_the_deb()
    {
        var extractor = new DebExtractor(temp["cache"]);
        Extract(extractor);
        var tar = extractor.Cache.TarPath(sha256);
        var bytes = File.ReadAllBytes(tar);
        var original = bytes.ToArray();
        var tool = Read(Extract(extractor).Find("usr/bin/tool")!);
        var at = bytes.AsSpan().IndexOf(tool.AsSpan(1000, 64)) + 10;
        bytes[at] ^= 0xFF;
        Writable(tar);
        File.WriteAllBytes(tar, bytes);

        var tree = Extract(extractor);

        fetches.Should().Be(2, "the damage is found by the tar's digest and the data made again");
        Read(tree.Find("usr/bin/tool")!).Should().Equal(tool);
        File.ReadAllBytes(tar).Should().Equal(original);
    }

    [Fact]
    public void A_tar_left_without_its_digest_by_a_killed_build_is_made_again()
    {
        var extractor = new DebExtractor(temp["cache"]);
        Extract(extractor);
        var tar = extractor.Cache.TarPath(sha256);
        File.Delete(tar + ".sha256");
        Writable(tar);
        File.WriteAllBytes(tar, new byte[10240]);

        var tree = Extract(extractor);

        fetches.Should().Be(2);
        Read(tree.Find("usr/bin/readme")!).Should().Equal("hello\n"u8.ToArray());
        File.Exists(tar + ".sha256").Should().BeTrue();
    }

    private FileTree Extract(DebExtractor extractor) => extractor.Extract(sha256, () =>
    {
        fetches++;
        return deb;
    }, "hyperbake-test");

    /// <summary>The cache keeps its tars read-only; a test damages one on purpose.</summary>
    private static void Writable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static byte[] Read(FileNode node)
    {
        using var stream = node.Content!.OpenRead();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<string> Describe(FileTree tree) =>
        [.. tree.Walk().Select(e => $"{e.Path} {e.Node.Kind} {e.Node.Mode:x} {e.Node.Uid}/{e.Node.Gid} {e.Node.ModificationTime} {e.Node.SymlinkTarget} {(e.Node.Content is null ? "" : Convert.ToHexStringLower(SHA256.HashData(Read(e.Node))))}")];
}
