using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hyperbake.Cache;
using Hyperbake.Imaging.Archives.Tar;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Live;

/// <summary>
/// The release outputs beside the artefacts: <c>SHA256SUMS</c>, <c>manifest.json</c> (knobs,
/// version, recipe sources, package pins, every artefact's hash) and <c>sbom.spdx.json</c> (SPDX
/// 2.3: the rootfs packages with versions and every file with its SHA-256).
/// </summary>
public static class ReleaseStage
{
    public static readonly string[] ReleaseFiles = ["SHA256SUMS", "manifest.json", "sbom.spdx.json"];

    public static void Write(BuildContext context, LiveBuild build, string rootfsTar)
    {
        var dist = build.Dist;
        var artefacts = Directory.EnumerateFiles(dist)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.') && !ReleaseFiles.Contains(n) && n != LiveImageLink.Name)
            .Where(n => new FileInfo(Path.Combine(dist, n)).LinkTarget is null)
            .Order(StringComparer.Ordinal)
            .ToList();
        var hashes = artefacts.ToDictionary(n => n, n => build.Cache.Files.Hash(Path.Combine(dist, n)), StringComparer.Ordinal);
        var packages = build.Recipe.Packages.SelectMany(build.PinnedClosure).DistinctBy(p => p.Name).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var kernel = build.PinnedClosure(build.Recipe.Kernel.Package);
        var knobs = context.Knobs;

        // Everything the three files say: a build that changed none of it (the no-change rebuild) writes nothing.
        var fp = build.Cache.NewFingerprint(build.Instance("Release"))
            .Value("artefacts", string.Concat(artefacts.Select(n => $"{hashes[n]}  {n}\n")))
            .Value("knobs", $"{knobs.Arch} {knobs.Hypervisor} {knobs.Platform.Name} {knobs.RootfsFormat} {knobs.RootfsVersion}")
            .Value("recipe", build.EffectiveRecipeText)
            .Value("recipe-sources", string.Join("\n", build.Composed.Sources))
            .Upstream("packages", string.Join(",", packages.Concat(kernel).Select(p => $"{p.Name}={p.Version}/{p.Architecture}/{p.Sha256}")))
            .File(rootfsTar, Path.GetFileName(rootfsTar));
        build.Cache.Run(context, fp, dist, ReleaseFiles, scratch => WriteFiles(context, build, rootfsTar, scratch, artefacts, hashes, packages, kernel));
    }

    private static void WriteFiles(
        BuildContext context, LiveBuild build, string rootfsTar, string dist, List<string> artefacts, Dictionary<string, string> hashes,
        List<Hyperbake.Toolchains.Debian.LockedPackage> packages, IReadOnlyList<Hyperbake.Toolchains.Debian.LockedPackage> kernel)
    {
        var knobs = context.Knobs;
        AtomicFile.WriteAllText(Path.Combine(dist, "SHA256SUMS"), string.Concat(artefacts.Select(n => $"{hashes[n]}  {n}\n")));
        var manifest = new JsonObject
        {
            ["name"] = build.Recipe.Name,
            ["version"] = knobs.RootfsVersion,
            ["knobs"] = new JsonObject
            {
                ["arch"] = knobs.Arch,
                ["hv"] = knobs.Hypervisor,
                ["platform"] = knobs.Platform.Name,
                ["rootfs-format"] = knobs.RootfsFormat,
                ["rootfs-version"] = knobs.RootfsVersion,
            },
            ["source-date-epoch"] = context.SourceDateEpoch,
            ["recipe-sources"] = new JsonArray([.. build.Composed.Sources.Select(s => (JsonNode)s)]),
            ["packages"] = new JsonArray([.. packages.Concat(kernel).DistinctBy(p => p.Name).Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["version"] = p.Version,
                ["architecture"] = p.Architecture,
                ["sha256"] = p.Sha256,
            })]),
            ["artefacts"] = new JsonObject([.. artefacts.Select(n => KeyValuePair.Create(n, (JsonNode?)hashes[n]))]),
        };
        AtomicFile.WriteAllText(Path.Combine(dist, "manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        AtomicFile.WriteAllText(Path.Combine(dist, "sbom.spdx.json"), Sbom(build, rootfsTar, packages, context.SourceDateEpoch));
    }

    private static string Sbom(LiveBuild build, string rootfsTar, IReadOnlyList<Hyperbake.Toolchains.Debian.LockedPackage> packages, long sourceDateEpoch)
    {
        var tree = TarTreeReader.ReadFile(rootfsTar);
        var files = new JsonArray();
        var index = 0;
        foreach (var entry in tree.Walk().Where(e => e.Node.Kind == FileNodeKind.RegularFile))
        {
            using var s = entry.Node.Content!.OpenRead();
            var sha = Convert.ToHexStringLower(SHA256.HashData(s));
            s.Position = 0;
            var sha1 = Convert.ToHexStringLower(SHA1.HashData(s));
            files.Add(new JsonObject
            {
                ["SPDXID"] = $"SPDXRef-File-{index++}",
                ["fileName"] = "./" + entry.Path,
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
