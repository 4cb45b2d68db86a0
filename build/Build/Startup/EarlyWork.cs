using Build.Versioning;
using Hyperbake.Model.Platforms;

namespace Build.Startup;

/// <summary>
/// Work every build does before its first task, started on other cores as soon as the process
/// starts (<see cref="Program.Main"/>) so that it overlaps the host's own start: reading the
/// platform catalog (YAML) and asking git for the version and the last commit time. A part that
/// needs a result takes it when it was started for the same checkout, else does the work itself.
/// </summary>
internal static class EarlyWork
{
    private static Started? s_started;

    public static void Start(string root)
    {
        var full = Path.GetFullPath(root);
        s_started = new Started(
            full,
            Task.Run(() => PlatformCatalog.Load(full)),
            Task.Run(() => GitVersion.Describe(full)));
    }

    /// <summary>The platform catalog of <paramref name="root"/>; a load error surfaces here, as it would have.</summary>
    public static PlatformCatalog Platforms(string root) => For(root) is { } s ? s.Platforms.GetAwaiter().GetResult() : PlatformCatalog.Load(root);

    /// <summary><see cref="GitVersion.DescribeRootfsVersion"/> of <paramref name="root"/>.</summary>
    public static string RootfsVersion(string root) => For(root) is { } s ? s.Git.GetAwaiter().GetResult().Version : GitVersion.DescribeRootfsVersion(root);

    /// <summary><see cref="GitVersion.LastCommitTime"/> of <paramref name="root"/>.</summary>
    public static long? LastCommitTime(string root) => For(root) is { } s ? s.Git.GetAwaiter().GetResult().CommitTime : GitVersion.LastCommitTime(root);

    private static Started? For(string root) => s_started is { } s && s.Root == Path.GetFullPath(root) ? s : null;

    private sealed record Started(string Root, Task<PlatformCatalog> Platforms, Task<(string Version, long? CommitTime)> Git);
}
