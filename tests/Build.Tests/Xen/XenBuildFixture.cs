using Build.Tests.Fixtures;
using Hyperbake.Cache.Store;

namespace Build.Tests.Xen;

/// <summary>
/// The build host on a scratch root holding the repository's layers and recipes (the Xen recipe and the
/// package lock), for the dom0less targets. Packages come from the Debian feed through the user's cache,
/// so they are downloaded once per machine; <see cref="PrivateStage"/> keeps stage outputs apart.
/// </summary>
public sealed class XenBuildFixture : IDisposable
{
    public const string Epoch = "1700000000";

    public static readonly string[] Knobs = ["--arch=arm64", "--hv=xen", "--platform=qemu-virt", "--source-date-epoch=" + Epoch];

    public XenBuildFixture(bool privateStageCache = false)
    {
        Build = new BuildFixture();
        CopyDirectory(Path.Combine(RepositoryRoot.Path, "recipes"), Build.Root["recipes"]);
        if (privateStageCache)
        {
            // Its own content store (so nothing is restored from another build) over the shared downloads.
            var shared = ContentStore.DefaultRoot();
            Directory.CreateDirectory(Build.Root["cache"]);
            foreach (var folder in new[] { "debs", "indexes", "extracted" })
            {
                Directory.CreateDirectory(Path.Combine(shared, folder));
                Directory.CreateSymbolicLink(Build.Root["cache/" + folder], Path.Combine(shared, folder));
            }

            PrivateStage = ["--cache_path=" + Build.Root["cache"]];
        }
    }

    public BuildFixture Build { get; }

    public IReadOnlyList<string> PrivateStage { get; } = [];

    public string Output => Build.Output;

    /// <summary>Where a device tree mode's image lands (the scratch root is no git checkout: version 0.0.0-unknown).</summary>
    public string ImageDirectory(string mode) => Build.Root[$"dist/arm64/0.0.0-unknown/xen-dom0less/{mode}"];

    public string Log(string name) => Build.Root[$"dist/arm64/0.0.0-unknown/logs/{name}"];

    public int Run(params string[] args) => Build.Run([.. args, .. Knobs, .. PrivateStage]);

    public void Dispose() => Build.Dispose();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
