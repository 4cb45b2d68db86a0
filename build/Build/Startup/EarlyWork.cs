using Hyperbake.Model.Platforms;

namespace Build.Startup;

/// <summary>
/// Work every build does before its first task, started on another core as soon as the process
/// starts (<see cref="Program.Main"/>) so that it overlaps the host's own start: reading the
/// platform catalog (YAML) and asking git (<see cref="Versioning.GitVersion.StartEarly"/>). A part
/// that needs a result takes it when it was started for the same checkout, else does the work itself.
/// </summary>
internal static class EarlyWork
{
    private static (string Root, Task<PlatformCatalog> Platforms)? s_started;

    public static void Start(string root)
    {
        var full = Path.GetFullPath(root);
        s_started = (full, Task.Run(() => PlatformCatalog.Load(full)));
        Versioning.GitVersion.StartEarly(full);
    }

    /// <summary>The platform catalog of <paramref name="root"/>; a load error surfaces here, as it would have.</summary>
    public static PlatformCatalog Platforms(string root) =>
        s_started is { } started && started.Root == Path.GetFullPath(root)
            ? started.Platforms.GetAwaiter().GetResult()
            : PlatformCatalog.Load(root);
}
