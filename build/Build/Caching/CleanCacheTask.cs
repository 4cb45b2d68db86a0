using Hyperbake.Cache.Store;
using Hyperbake.Host;

namespace Build.Caching;

/// <summary>
/// Empties the task-output cache (<c>Cache_Path</c>); with <c>--max-size=SIZE</c> only evicts the
/// least recently used entries down to that size. Downloaded packages are kept; the data
/// decompressed from them (<c>extracted/</c>) goes with the entries, and so do the stores of
/// earlier cache layouts (<c>v1/</c>, <c>v2/</c>, ...).
/// </summary>
[TaskName("CleanCache")]
[TaskDescription("Empties the task-output cache (Cache_Path); --max-size=SIZE evicts least recently used entries down to SIZE instead")]
public sealed class CleanCacheTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = CacheSettings.From(context, context.Root);
        var store = new ContentStore(settings.Path, settings.Link);
        if (context.Arguments.GetArgument("max-size") is { Length: > 0 } size)
        {
            var result = store.Prune(ByteSize.Parse(size, "--max-size"), grace: TimeSpan.Zero);
            context.Log.Information("Cache {0}: evicted {1} entries; {2:F1} MiB removed, {3:F1} MiB kept.", store.Root, result.EntriesEvicted, result.BytesRemoved / 1048576.0, result.BytesHeld / 1048576.0);
            return;
        }

        var before = store.Size();
        store.Clear();
        context.Log.Information("Cache {0}: removed every entry ({1:F1} MiB).", store.Root, before / 1048576.0);

        // Decompressed package data and the SBOM's file checksums are derived too (the downloads
        // they come from stay), and so are the stores of earlier cache layouts and the unpacked
        // package folders older versions kept.
        RemoveFolder(context, Path.Combine(settings.Path, "extracted"), "the decompressed package data");
        RemoveFolder(context, Path.Combine(settings.Path, "checksums"), "the file checksums kept for SBOMs");
        RemoveFolder(context, Path.Combine(settings.Path, "unpacked"), "the unpacked packages of an earlier version");
        foreach (var layout in Directory.EnumerateDirectories(settings.Path, "v*")
            .Where(d => Path.GetFileName(d) is var n && n != ContentStore.LayoutVersion && n.Length > 1 && n[1..].All(char.IsAsciiDigit))
            .Order(StringComparer.Ordinal))
        {
            RemoveFolder(context, layout, "an earlier cache layout");
        }
    }

    /// <summary>Renames the folder aside first, so a build never sees it half removed.</summary>
    private static void RemoveFolder(BuildContext context, string folder, string what)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var doomed = folder + $".removing-{Environment.ProcessId}";
        Directory.Move(folder, doomed);
        Directory.Delete(doomed, recursive: true);
        context.Log.Information("Removed {0} in {1}.", what, folder);
    }
}
