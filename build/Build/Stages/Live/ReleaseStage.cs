using System.Text.Json;
using System.Text.Json.Nodes;
using Hyperbake.Cache;

namespace Build.Stages.Live;

/// <summary>
/// The release outputs beside the artefacts: <c>SHA256SUMS</c>, <c>manifest.json</c> (knobs,
/// version, recipe sources, package pins, every artefact's hash) and <c>sbom.spdx.json</c>
/// (<see cref="RootfsSbom"/>).
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
        var packages = RootfsSbom.Packages(build);
        var kernel = build.PinnedClosure(build.Recipe.Kernel.Package);
        var knobs = context.Knobs;

        // Everything the three files say: a build that changed none of it (the no-change rebuild) writes nothing.
        var fp = build.Cache.NewFingerprint(build.Instance("Release"))
            .Value("artefacts", string.Concat(artefacts.Select(n => $"{hashes[n]}  {n}\n")))
            .Value("knobs", $"{knobs.Arch} {knobs.Hypervisor} {knobs.Platform.Name} {knobs.RootfsFormat} {knobs.RootfsVersion} {string.Join(",", knobs.ImgFormats)}")
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
                ["img-format"] = string.Join(",", knobs.ImgFormats),
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
        AtomicFile.WriteAllText(Path.Combine(dist, "sbom.spdx.json"), RootfsSbom.Get(build, rootfsTar, context.SourceDateEpoch));
    }
}
