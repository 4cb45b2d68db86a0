using Hyperbake.Model.Platforms;

namespace Hyperbake.Model.Knobs;

/// <summary>
/// Resolves the knobs (command line &gt; cake.config &gt; environment &gt; defaults) and checks them
/// against the platform before any work starts. Defaults follow the platform: the host arch and
/// <c>kvm</c> when the platform supports them, else the first the platform lists.
/// </summary>
public static class KnobResolver
{
    public static KnobSet Resolve(KnobInputs inputs, PlatformCatalog platforms, string hostArch, Func<string> defaultRootfsVersion)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(platforms);
        ArgumentNullException.ThrowIfNull(defaultRootfsVersion);

        var platformValue = inputs.Find(Knob.Platform) ?? new KnobValue(Knob.Platform, KnobValues.GenericPlatform, KnobSource.Default);
        var platform = platforms.Find(platformValue.Value) ?? throw UnknownPlatform(platformValue, platforms);

        var arch = inputs.Find(Knob.Arch);
        if (arch is not null)
        {
            RequireKnown(arch, KnobValues.Arches, "arch");
        }

        arch ??= new KnobValue(Knob.Arch, platform.Arches.Contains(hostArch) ? hostArch : platform.Arches[0], KnobSource.Default);
        RequireSupported(platform, arch, platform.Arches, "arch", "arches");

        var hypervisor = inputs.Find(Knob.Hypervisor);
        if (hypervisor is not null)
        {
            RequireKnown(hypervisor, KnobValues.Hypervisors, "hypervisor");
        }

        hypervisor ??= new KnobValue(Knob.Hypervisor, platform.Hypervisors.Contains(KnobValues.Kvm) ? KnobValues.Kvm : platform.Hypervisors[0], KnobSource.Default);
        RequireSupported(platform, hypervisor, platform.Hypervisors, "hypervisor", "hypervisors");

        var format = inputs.Find(Knob.RootfsFormat);
        if (format is not null)
        {
            RequireKnown(format, KnobValues.RootfsFormats, "rootfs format");
        }

        format ??= new KnobValue(Knob.RootfsFormat, KnobValues.RootfsFormats[0], KnobSource.Default);

        var imgFormat = inputs.Find(Knob.ImgFormat) ?? new KnobValue(Knob.ImgFormat, KnobValues.ImgFormats[0], KnobSource.Default);
        var imgFormats = ImgFormats(imgFormat);

        var version = inputs.Find(Knob.RootfsVersion);
        if (version is not null && RootfsVersion.Problem(version.Value) is { } problem)
        {
            throw new KnobException($"{version.Spelling} cannot be a rootfs version: {problem}.");
        }

        var lazyVersion = version is not null
            ? new Lazy<KnobValue>(version)
            : new Lazy<KnobValue>(() => new KnobValue(Knob.RootfsVersion, defaultRootfsVersion(), KnobSource.Default));
        return new KnobSet(arch, hypervisor, platform, platformValue, lazyVersion, format, imgFormat, imgFormats);
    }

    /// <summary>One format, several comma-separated, or <c>all</c>.</summary>
    private static List<string> ImgFormats(KnobValue value)
    {
        var names = value.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var formats = new List<string>();
        foreach (var name in names)
        {
            if (name == KnobValues.AllImgFormats)
            {
                formats.AddRange(KnobValues.ImgFormats);
            }
            else if (KnobValues.ImgFormats.Contains(name))
            {
                formats.Add(name);
            }
            else
            {
                throw new KnobException(
                    $"{value.Spelling}: '{name}' is not a live image format. Use one of: {string.Join(", ", KnobValues.ImgFormats)}, " +
                    $"several separated by commas, or {KnobValues.AllImgFormats}.");
            }
        }

        return formats.Count > 0
            ? formats.Distinct(StringComparer.Ordinal).ToList()
            : throw new KnobException($"{value.Spelling} names no image format. Use one of: {string.Join(", ", KnobValues.ImgFormats)}, or {KnobValues.AllImgFormats}.");
    }

    private static void RequireKnown(KnobValue value, IReadOnlyList<string> known, string what)
    {
        if (!known.Contains(value.Value))
        {
            throw new KnobException($"{value.Spelling} is not a known {what}. Use one of: {string.Join(", ", known)}.");
        }
    }

    private static void RequireSupported(PlatformDefinition platform, KnobValue value, IReadOnlyList<string> supported, string singular, string plural)
    {
        if (supported.Contains(value.Value))
        {
            return;
        }

        var options = supported.Select(s => $"--{value.Knob.Option}={s}").ToList();
        var use = options.Count == 1 ? options[0] : string.Join(" or ", options) + ",";
        throw new KnobException(
            $"platform '{platform.Name}' ({platform.SourcePath}) supports {(supported.Count == 1 ? singular : plural)} {string.Join(", ", supported)}; " +
            $"{value.Spelling} is not one of them. Use {use} or another platform.");
    }

    private static KnobException UnknownPlatform(KnobValue value, PlatformCatalog platforms)
    {
        if (platforms.Platforms.Count == 0)
        {
            return new KnobException($"{value.Spelling}: no platforms are defined; add layers/<layer>/platforms/{value.Value}.yaml.");
        }

        var known = string.Join(", ", platforms.Platforms.Select(p => p.Name));
        return new KnobException($"{value.Spelling} is not a known platform. Use one of: {known} (defined in layers/*/platforms/).");
    }
}
