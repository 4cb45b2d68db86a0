namespace Hyperbake.Toolchains.Kernel;

/// <summary>What to build: an unpacked kernel source tree, a base config and fragments, for an architecture.</summary>
public sealed record KernelBuildOptions
{
    /// <summary>The unpacked, clean kernel source tree (mounted read-only; the build happens out of tree).</summary>
    public required string SourceDirectory { get; init; }

    /// <summary>Where the build folder and the results go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary><c>amd64</c>, <c>arm64</c> or <c>riscv64</c> (Debian names, as ZARCH).</summary>
    public required string Architecture { get; init; }

    /// <summary>A make target such as <c>defconfig</c> (or <c>tinyconfig</c>), used when <see cref="BaseConfigFile"/> is null.</summary>
    public string DefconfigTarget { get; init; } = "defconfig";

    /// <summary>A full base config file (e.g. a Debian config-&lt;version&gt;) instead of a defconfig target.</summary>
    public string? BaseConfigFile { get; init; }

    /// <summary>Yocto-style <c>.cfg</c> fragments applied in order (later wins).</summary>
    public IReadOnlyList<string> Fragments { get; init; } = [];

    /// <summary>SOURCE_DATE_EPOCH: sets KBUILD_BUILD_TIMESTAMP so <c>/proc/version</c> is the same on every build.</summary>
    public required long SourceDateEpoch { get; init; }

    public string BuildUser { get; init; } = "hyperbake";

    public string BuildHost { get; init; } = "hyperbake";

    /// <summary>Parallel make jobs; 0 = the processor count.</summary>
    public int Jobs { get; init; }

    /// <summary>Also build and install modules when the final config enables them (CONFIG_MODULES=y).</summary>
    public bool Modules { get; init; } = true;

    /// <summary>Fail when a fragment's setting did not survive olddefconfig (merge_config.sh only warns).</summary>
    public bool StrictFragments { get; init; } = true;

    public Action<string>? Log { get; init; }
}
