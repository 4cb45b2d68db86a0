using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Build.Caching;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;
using Hyperbake.Toolchains.Debian;

namespace Build.Stages.Live;

/// <summary>
/// <c>sbom.spdx.json</c>: SPDX 2.3, the rootfs packages with versions and every file of rootfs.tar
/// with its SHA-1 and SHA-256. It depends on rootfs.tar alone, so it is started as soon as the tar
/// is written (<see cref="Start"/>) and is ready by the time the release files are. Given the tree
/// the tar was just written from, it takes the checksums of package files and stage outputs from
/// a <see cref="FileChecksumMemo"/> and hashes only the rest (the recipe's own files).
/// </summary>
public static class RootfsSbom
{
    private static readonly ConditionalWeakTable<LiveBuild, Lazy<(string Tar, Task<string> Sbom)>> Started = new();

    /// <summary>
    /// Begins the SBOM of <paramref name="rootfsTar"/> (complete and final) on a worker thread;
    /// <paramref name="composed"/> is the tree it was written from in this run, if it was.
    /// </summary>
    public static void Start(LiveBuild build, string rootfsTar, long sourceDateEpoch, FileTree? composed = null) =>
        _ = Started.GetValue(build, b => new(() => (rootfsTar, Task.Run(() => Write(b, rootfsTar, sourceDateEpoch, composed))))).Value;

    /// <summary>The SBOM: the one started for this tar, or made now.</summary>
    public static string Get(LiveBuild build, string rootfsTar, long sourceDateEpoch) =>
        Started.TryGetValue(build, out var started) && started.Value.Tar == rootfsTar
            ? started.Value.Sbom.GetAwaiter().GetResult()
            : Write(build, rootfsTar, sourceDateEpoch);

    /// <summary>The recipe's packages and what they depend on, as pinned, in name order.</summary>
    public static List<LockedPackage> Packages(LiveBuild build) =>
        build.Recipe.Packages.SelectMany(build.PinnedClosure).DistinctBy(p => p.Name).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>Where the checksums of package files and stage outputs are kept (derived data, beside the cache).</summary>
    public static string MemoPath(LiveBuild build) => Path.Combine(build.Cache.Settings.Path, "checksums", "files-v1.txt");

    /// <summary>A file's SHA-256 and SHA-1 (what SPDX asks for), from one read of its bytes.</summary>
    private static (string Sha256, string Sha1) Checksums(IContentSource content, byte[] buffer)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var s = content.OpenRead();
        int read;
        while ((read = s.Read(buffer)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            sha1.AppendData(buffer, 0, read);
        }

        return (Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(sha1.GetHashAndReset()));
    }

    /// <summary>
    /// The SHA-256 and SHA-1 of every regular file of <paramref name="tree"/>, in tree order. A file
    /// whose bytes <paramref name="identity"/> names is looked up in <paramref name="memo"/> first
    /// (and added to it when computed).
    /// </summary>
    public static List<(string Path, string Sha256, string Sha1)> FileChecksums(FileTree tree, Func<IContentSource, string?>? identity = null, FileChecksumMemo? memo = null)
    {
        var files = new List<(string Path, string Sha256, string Sha1)>();
        var buffer = new byte[1 << 16];
        foreach (var entry in tree.Walk().Where(e => e.Node.Kind == FileNodeKind.RegularFile))
        {
            var content = entry.Node.Content!;
            var key = memo is null ? null : identity?.Invoke(content);
            if (key is not null && memo!.TryGet(key, out var known))
            {
                files.Add((entry.Path, known.Sha256, known.Sha1));
                continue;
            }

            var (sha256, sha1) = Checksums(content, buffer);
            if (key is not null && (!key.StartsWith(StageOutputKey, StringComparison.Ordinal) || key == StageOutputKey + sha256))
            {
                memo!.Add(key, sha256, sha1);
            }

            files.Add((entry.Path, sha256, sha1));
        }

        return files;
    }

    private const string StageOutputKey = "sha256 ";

    /// <summary>
    /// What names a file's bytes without reading them: a member of a package's decompressed data
    /// (kept by the package's sha256, checked on every use), or an output of this build's stages
    /// by its SHA-256 as the stage cache knows it. The recipe's own files are not named: they are
    /// small, and read as they are now.
    /// </summary>
    private static string? Identity(LiveBuild build, IContentSource content)
    {
        switch (content)
        {
            case FileSliceContent slice when Path.GetDirectoryName(slice.Path) == build.Feed.Extractor.Cache.Directory
                && Path.GetFileName(slice.Path) is { Length: 68 } name && name.EndsWith(".tar", StringComparison.Ordinal):
                return $"deb {name[..64]} {slice.Offset} {slice.Length}";
            case HostFileContent host when host.Path.StartsWith(build.Dist + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && new FileInfo(host.Path).Length == host.Length:
                return StageOutputKey + build.Cache.Files.Hash(host.Path);
            default:
                return null;
        }
    }

    private static string Write(LiveBuild build, string rootfsTar, long sourceDateEpoch, FileTree? composed = null)
    {
        var packages = Packages(build);
        var memo = composed is null ? null : FileChecksumMemo.Load(MemoPath(build));
        var checksums = FileChecksums(composed ?? TarTreeReader.ReadFile(rootfsTar), content => Identity(build, content), memo);
        memo?.Save();
        var files = new JsonArray();
        var index = 0;
        foreach (var (path, sha, sha1) in checksums)
        {
            files.Add(new JsonObject
            {
                ["SPDXID"] = $"SPDXRef-File-{index++}",
                ["fileName"] = "./" + path,
                ["checksums"] = new JsonArray(
                    new JsonObject { ["algorithm"] = "SHA1", ["checksumValue"] = sha1 },
                    new JsonObject { ["algorithm"] = "SHA256", ["checksumValue"] = sha }),
            });
        }

        var created = DateTimeOffset.FromUnixTimeSeconds(sourceDateEpoch).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var name = $"{build.Recipe.Name}-{build.Templates.Version}-{build.Arch}";
        var doc = new JsonObject
        {
            ["spdxVersion"] = "SPDX-2.3",
            ["dataLicense"] = "CC0-1.0",
            ["SPDXID"] = "SPDXRef-DOCUMENT",
            ["name"] = name,
            ["documentNamespace"] = $"https://spdx.org/spdxdocs/hyperbake/{name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", packages.Select(p => p.Sha256)))))[..16]}",
            ["creationInfo"] = new JsonObject { ["created"] = created, ["creators"] = new JsonArray("Tool: hyperbake") },
            ["packages"] = new JsonArray([.. packages.Select(p => (JsonNode)new JsonObject
            {
                ["SPDXID"] = "SPDXRef-Package-" + string.Concat(p.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-' ? c : '-')),
                ["name"] = p.Name,
                ["versionInfo"] = p.Version,
                ["downloadLocation"] = "NOASSERTION",
                ["filesAnalyzed"] = false,
                ["supplier"] = "Organization: Debian",
                ["checksums"] = new JsonArray(new JsonObject { ["algorithm"] = "SHA256", ["checksumValue"] = p.Sha256 }),
                ["externalRefs"] = new JsonArray(new JsonObject
                {
                    ["referenceCategory"] = "PACKAGE-MANAGER",
                    ["referenceType"] = "purl",
                    ["referenceLocator"] = $"pkg:deb/debian/{p.Name}@{Uri.EscapeDataString(p.Version)}?arch={p.Architecture}",
                }),
            })]),
            ["files"] = files,
            ["relationships"] = new JsonArray(new JsonObject
            {
                ["spdxElementId"] = "SPDXRef-DOCUMENT",
                ["relationshipType"] = "DESCRIBES",
                ["relatedSpdxElement"] = "SPDXRef-DOCUMENT",
            }),
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
