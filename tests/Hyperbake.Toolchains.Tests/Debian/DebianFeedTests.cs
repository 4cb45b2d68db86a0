using System.Security.Cryptography;
using Hyperbake.Imaging.Trees;
using Hyperbake.Testing;
using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Tests.Debian;

/// <summary>The feed against the real Debian mirror named by the host's apt sources, with a private cache per test.</summary>
[Collection(DebianFeedCollection.Name)]
public sealed class DebianFeedTests(DebianFeedFixture fixture)
{
    private readonly DebianFeed feed = fixture.Feed;
    private readonly CountingHandler handler = fixture.Handler;
    private readonly TempDirectory cache = fixture.Cache;

    [Fact]
    public void Resolves_packages_and_their_dependencies_into_a_lock()
    {
        // When busybox-static and zlib1g (which needs libc6, which needs libgcc-s1 …) are resolved and locked
        var lockPath = cache["resolve-test.lock.yaml"];
        var written = feed.UpdateLock(lockPath, new Dictionary<string, IReadOnlyList<string>> { ["amd64"] = ["busybox-static", "zlib1g"] });

        // Then each is pinned with its pool path, sha256 and size, and dependencies are recorded and locked too
        var busybox = written.Get("bookworm", "amd64", "busybox-static");
        busybox.Filename.Should().StartWith("pool/main/b/busybox/busybox-static_").And.EndWith("_amd64.deb");
        busybox.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
        busybox.Size.Should().BeGreaterThan(100_000);
        busybox.Requested.Should().BeTrue();
        var zlib = written.Get("bookworm", "amd64", "zlib1g");
        zlib.Depends.Should().Contain("libc6");
        var libc = written.Get("bookworm", "amd64", "libc6");
        libc.Requested.Should().BeFalse();
        libc.Depends.Should().NotBeEmpty();
        written.Closure("bookworm", "amd64", "zlib1g").Select(p => p.Name).Should().StartWith(["zlib1g"]).And.Contain(["libc6", "libgcc-s1"]);

        // And the file on disk reads back to the same lock, byte for byte when written again
        var text = File.ReadAllText(lockPath);
        text.Should().Contain("suites:").And.Contain("bookworm:").And.Contain("busybox-static:").And.NotContain("debian.org");
        PackageLock.Load(lockPath).ToYaml().Should().Be(text);
    }

    [Fact]
    public void Fetch_downloads_once_and_refetches_a_corrupted_cached_file()
    {
        var busybox = feed.Resolve(["busybox-static"], "amd64").Single(p => p.Name == "busybox-static");
        File.Delete(Path.Combine(cache.Path, "debs", busybox.Sha256 + ".deb"));
        var afterResolve = handler.Requests;

        // First fetch downloads, second fetch uses the cache
        var path = feed.Fetch(busybox);
        handler.Requests.Should().Be(afterResolve + 1);
        feed.Fetch(busybox).Should().Be(path);
        handler.Requests.Should().Be(afterResolve + 1, "a cached package costs no network request");
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))).Should().Be(busybox.Sha256);
        path.Should().Be(Path.Combine(cache.Path, "debs", busybox.Sha256 + ".deb"));

        // A corrupted cached file is detected by its sha256 and fetched again
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        feed.Fetch(busybox).Should().Be(path);
        handler.Requests.Should().Be(afterResolve + 2);
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))).Should().Be(busybox.Sha256);
    }

    [Fact]
    public void A_second_feed_reuses_the_cached_index()
    {
        feed.Resolve(["busybox-static"], "amd64");
        handler.Urls.Count(u => u.EndsWith("binary-amd64/Packages.xz", StringComparison.Ordinal)).Should().Be(1, "the index is xz-compressed and decoded in-process");
        var releases = handler.Urls.Count(u => u.EndsWith("/Release", StringComparison.Ordinal));

        using var again = new DebianFeed(fixture.Settings, handler);
        again.Resolve(["busybox-static"], "amd64").Should().Contain(p => p.Name == "busybox-static");

        handler.Urls.Count(u => u.EndsWith("binary-amd64/Packages.xz", StringComparison.Ordinal)).Should().Be(1, "the cached index matches the Release's sha256");
        handler.Urls.Count(u => u.EndsWith("/Release", StringComparison.Ordinal)).Should().Be(releases + 1);
    }

    [Fact]
    public void Extracts_busybox_static_into_a_file_tree_as_dpkg_deb_lists_it()
    {
        var busybox = feed.Resolve(["busybox-static"], "amd64").Single(p => p.Name == "busybox-static");

        var tree = feed.Extract(busybox);

        var node = tree.Find("bin/busybox");
        node.Should().NotBeNull();
        node!.Kind.Should().Be(FileNodeKind.RegularFile);
        node.Mode.Should().Be(0x1ED, "0755");
        node.Uid.Should().Be(0);
        node.Gid.Should().Be(0);
        using (var content = node.Content!.OpenRead())
        {
            var elf = new byte[4];
            content.ReadExactly(elf);
            elf.Should().Equal(0x7F, (byte)'E', (byte)'L', (byte)'F');
        }

        // The independent check: dpkg-deb's own listing of the same .deb (mode, owner, size, path)
        var listing = ExternalTool.Check("dpkg-deb", "--contents", feed.Fetch(busybox)).StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(ParseListing)
            .Where(l => l.Path.Length > 0)
            .ToList();
        var ours = tree.Walk().Where(e => e.Path.Length > 0).ToDictionary(e => e.Path, e => e.Node);
        ours.Keys.Should().BeEquivalentTo(listing.Select(l => l.Path));
        foreach (var (path, mode, owner, size) in listing)
        {
            var n = ours[path];
            Convert.ToString(n.PosixMode & 0xFFF, 8).Should().Be(mode, path);
            $"{n.Uid}/{n.Gid}".Should().Be(owner, path);
            if (n.Kind == FileNodeKind.RegularFile)
            {
                n.Size.Should().Be(size, path);
            }
        }
    }

    [Fact]
    public void An_unknown_package_is_named_in_the_error()
    {
        var act = () => feed.Resolve(["no-such-package-hyperbake"], "amd64");
        act.Should().Throw<KeyNotFoundException>().WithMessage("*'no-such-package-hyperbake'*bookworm*amd64*");
    }

    private static (string Path, string Mode, string Owner, long Size) ParseListing(string line)
    {
        // drwxr-xr-x root/root         0 2023-01-01 00:00 ./bin/   (symlinks: "./a -> b")
        var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var path = parts[5].Split(" -> ")[0].Split(" link to ")[0];
        var owner = parts[1].Replace("root", "0", StringComparison.Ordinal);
        return (FileTreePath.Normalize(path), ModeOf(parts[0]), owner, long.Parse(parts[2]));
    }

    private static string ModeOf(string symbolic)
    {
        var bits = 0;
        for (var i = 0; i < 9; i++)
        {
            var c = symbolic[1 + i];
            if (c is not ('-' or 'S' or 'T'))
            {
                bits |= 1 << (8 - i);
            }
        }

        if (symbolic[3] is 's' or 'S')
        {
            bits |= 0x800;
        }

        if (symbolic[6] is 's' or 'S')
        {
            bits |= 0x400;
        }

        if (symbolic[9] is 't' or 'T')
        {
            bits |= 0x200;
        }

        return Convert.ToString(bits, 8);
    }
}
