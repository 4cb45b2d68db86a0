namespace Hyperbake.Toolchains;

/// <summary>
/// The toolchain settings, by their cake.config/environment names
/// (<c>[Toolchain] BaseImage=</c> in cake.config is <c>Toolchain_BaseImage</c> in the environment).
/// </summary>
public sealed record ToolchainSettings
{
    public const string DefaultBaseImage = "hyperbake/debian-base:bookworm";

    /// <summary><c>Toolchain_BaseImage</c>: the image every toolchain Dockerfile starts FROM.</summary>
    public string BaseImage { get; init; } = DefaultBaseImage;

    /// <summary><c>Toolchain_DebianMirror</c>: the Debian mirror; null = read from the host's apt sources.</summary>
    public string? DebianMirror { get; init; }

    /// <summary><c>Toolchain_DebianSuite</c>: the suite bootstrapped and resolved against.</summary>
    public string DebianSuite { get; init; } = "bookworm";

    /// <summary><c>Toolchain_Backend</c>: "docker", "host" or "auto" (docker when an engine answers).</summary>
    public string Backend { get; init; } = "auto";

    /// <summary><c>Cache_Path</c>: root of the download cache; null = ~/.cache/hyperbake.</summary>
    public string? CachePath { get; init; }

    /// <summary><c>Toolchain_PullTimeout</c> in seconds: how long a <c>docker pull</c> of the base image may take.</summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The folder downloaded packages are kept in: <c>&lt;Cache_Path&gt;/debs</c>.</summary>
    public string DebCacheDirectory => Path.Combine(CacheRoot, "debs");

    public string CacheRoot => CachePath ?? Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "hyperbake");

    /// <summary>Reads the settings from a lookup (cake.config merged with the environment), falling back to defaults.</summary>
    public static ToolchainSettings From(Func<string, string?> lookup)
    {
        var defaults = new ToolchainSettings();
        string? Get(string name) => lookup(name) is { Length: > 0 } v ? v.Trim() : null;
        var backend = Get("Toolchain_Backend") ?? defaults.Backend;
        if (backend is not ("auto" or "docker" or "host"))
        {
            throw new ArgumentException($"Toolchain_Backend='{backend}' is not a backend; use 'auto', 'docker' or 'host'.");
        }

        var pull = defaults.PullTimeout;
        if (Get("Toolchain_PullTimeout") is { } seconds)
        {
            pull = int.TryParse(seconds, out var s) && s >= 0
                ? TimeSpan.FromSeconds(s)
                : throw new ArgumentException($"Toolchain_PullTimeout='{seconds}' is not a number of seconds; use e.g. 20.");
        }

        return new ToolchainSettings
        {
            BaseImage = Get("Toolchain_BaseImage") ?? defaults.BaseImage,
            DebianMirror = Get("Toolchain_DebianMirror"),
            DebianSuite = Get("Toolchain_DebianSuite") ?? defaults.DebianSuite,
            Backend = backend,
            CachePath = Get("Cache_Path"),
            PullTimeout = pull,
        };
    }

    public static ToolchainSettings FromEnvironment() => From(Environment.GetEnvironmentVariable);
}
