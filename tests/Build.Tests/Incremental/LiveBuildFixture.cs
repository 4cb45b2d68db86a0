using Build.Tests.Fixtures;
using Hyperbake.Cache.Store;
using Hyperbake.Testing;

namespace Build.Tests.Incremental;

/// <summary>
/// A copy of the recipes, layers and conf of this checkout (not a git checkout, so the version is
/// fixed) and one clean build of the live image from an empty private cache: the reference the
/// incremental tests compare with. Downloads go to the user's shared download cache, so only the
/// first run on a machine fetches packages.
/// </summary>
public sealed class LiveBuildFixture : IDisposable
{
    public const long SourceDateEpoch = 1_700_000_000;
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The release files a build writes from everything else; equal files mean equal builds.</summary>
    public static readonly string[] ReleaseFiles = ["SHA256SUMS", "manifest.json", "sbom.spdx.json"];

    public LiveBuildFixture()
    {
        Root = NewRoot("root");
        var run = Build(Root, Work["cache-ref"], Work["dist-ref"]);
        run.Wait(BuildTimeout).Should().Be(0, run.Output);
        ReferenceDuration = run.Elapsed;
        Reference = ReadRelease(Work["dist-ref"]);
    }

    public TempDirectory Work { get; } = new("hyperbake-incremental-");

    /// <summary>The checkout copy the reference was built from.</summary>
    public string Root { get; }

    public string ReferenceCache => Work["cache-ref"];

    public string ReferenceDist => Work["dist-ref"];

    public TimeSpan ReferenceDuration { get; }

    /// <summary>The reference build's release files by name.</summary>
    public IReadOnlyDictionary<string, string> Reference { get; }

    /// <summary>Where downloaded packages are kept across test runs (the user's cache, as a normal build uses).</summary>
    public static string Downloads => Environment.GetEnvironmentVariable("HYPERBAKE_TEST_DOWNLOADS") is { Length: > 0 } d ? d : ContentStore.DefaultRoot();

    /// <summary>A fresh copy of the inputs a build reads (layers, recipes, conf, cake.config).</summary>
    public string NewRoot(string name)
    {
        var root = Work[name];
        foreach (var folder in new[] { "layers", "recipes", "conf" })
        {
            CopyDirectory(Path.Combine(RepositoryRoot.Path, folder), Path.Combine(root, folder));
        }

        File.Copy(Path.Combine(RepositoryRoot.Path, "cake.config"), Path.Combine(root, "cake.config"));
        return root;
    }

    public static BuildProcess Build(string root, string cache, string dist, string target = "LiveImage", IEnumerable<string>? extra = null, IReadOnlyDictionary<string, string>? environment = null) =>
        BuildProcess.Start(root,
        [
            "--target=" + target, "--cache_path=" + cache, "--paths_dist=" + dist, "--cache_downloads=" + Downloads,
            "--source-date-epoch=" + SourceDateEpoch, "--verbosity=normal", .. extra ?? [],
        ], environment);

    /// <summary>The dist/&lt;arch&gt;/&lt;version&gt; folder of a dist root (one version per test dist).</summary>
    public static string VersionFolder(string dist) => Directory.GetDirectories(Path.Combine(dist, "amd64")).Single();

    public static IReadOnlyDictionary<string, string> ReadRelease(string dist) =>
        ReleaseFiles.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(VersionFolder(dist), n)), StringComparer.Ordinal);

    /// <summary>
    /// A new cache holding the reference cache's entries for the instances <paramref name="keep"/>
    /// accepts (blobs hard-linked), so a test skips the slow stages it is not about.
    /// </summary>
    public string SeedCache(string name, Func<string, bool> keep)
    {
        var from = new ContentStore(ReferenceCache);
        var cache = Work[name];
        var to = new ContentStore(cache);
        foreach (var key in from.Keys())
        {
            var manifest = from.Find(key);
            if (manifest is null || !keep(manifest.Instance))
            {
                continue;
            }

            foreach (var output in manifest.Outputs)
            {
                var blob = to.BlobPath(output.Sha256);
                Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
                if (!File.Exists(blob))
                {
                    File.Copy(from.BlobPath(output.Sha256), blob);
                }
            }

            File.Copy(from.EntryPath(key), to.EntryPath(key));
        }

        return cache;
    }

    /// <summary>The stages that unpack the kernel package (seconds of xz) or run docker: what most tests seed.</summary>
    public static bool SlowUpstream(string instance) =>
        instance.StartsWith("Initramfs/", StringComparison.Ordinal)
        || instance.StartsWith("KernelImage/", StringComparison.Ordinal)
        || instance.StartsWith("GrubEfi/", StringComparison.Ordinal);

    public void Dispose() => Work.Dispose();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(to, Path.GetFileName(file)), File.GetUnixFileMode(file));
            }
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LiveBuildCollection : ICollectionFixture<LiveBuildFixture>
{
    public const string Name = "live build";
}
