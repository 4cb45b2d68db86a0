using System.Globalization;

namespace Hyperbake.Toolchains.Kernel;

/// <summary>
/// Builds a kernel from source in the <c>kernel</c> toolchain: out of tree (<c>O=</c>, the source stays
/// read-only), base config plus fragments merged like merge_config.sh then <c>olddefconfig</c>, ARCH and
/// CROSS_COMPILE for arm64/riscv64 from amd64, and the reproducible-build settings EVE uses
/// (KBUILD_BUILD_USER/HOST/TIMESTAMP, SOURCE_DATE_EPOCH, KCONFIG_NOTIMESTAMP).
/// </summary>
public sealed class KernelBuilder(IToolchainRunner runner, string toolchain = "kernel")
{
    private const string SourceMount = "/hyperbake/src";
    private const string OutputMount = "/hyperbake/out";

    public KernelBuildResult Build(KernelBuildOptions options)
    {
        var arch = KernelArchitecture.For(options.Architecture);
        var output = Path.GetFullPath(options.OutputDirectory);
        var build = Path.Combine(output, "build");
        Directory.CreateDirectory(build);
        var mounts = new List<ToolchainMount>
        {
            ToolchainMount.Source(Path.GetFullPath(options.SourceDirectory), SourceMount),
            ToolchainMount.Output(output, OutputMount),
        };
        var environment = Environment(options, arch);
        var jobs = options.Jobs > 0 ? options.Jobs : System.Environment.ProcessorCount;
        string[] make = ["make", "-C", SourceMount, $"O={OutputMount}/build", "ARCH=" + arch.KbuildArch, $"-j{jobs}"];
        void Make(params string[] targets) => runner.Run(new ToolchainStep
        {
            Toolchain = toolchain,
            Command = [.. make, .. targets],
            Mounts = mounts,
            Environment = environment,
            RequiredTools = ["make", "gcc", "bc", "bison", "flex", "perl", .. options.Modules ? ["depmod"] : Array.Empty<string>(), .. CrossTools(arch)],
            Log = options.Log,
        });

        // 1. The base config: a defconfig target, or a given full config.
        var configPath = Path.Combine(build, ".config");
        string baseConfig;
        if (options.BaseConfigFile is { } baseFile)
        {
            baseConfig = File.ReadAllText(baseFile);
        }
        else
        {
            Make(options.DefconfigTarget);
            baseConfig = File.ReadAllText(configPath);
        }

        // 2. Fragments merged in order, then Kconfig resolves dependencies.
        var fragments = options.Fragments.Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var (merged, overrides) = KconfigFragments.Merge(baseConfig, fragments);
        foreach (var note in overrides)
        {
            options.Log?.Invoke("Kconfig override " + note);
        }

        File.WriteAllText(configPath, merged);
        Make("olddefconfig");
        var requested = string.Join('\n', fragments.Select(f => f.Item2));
        var missing = KconfigFragments.Missing(requested, File.ReadAllText(configPath));
        if (missing.Count > 0 && options.StrictFragments)
        {
            throw new InvalidOperationException(
                $"Kernel config fragments ({string.Join(", ", options.Fragments.Select(Path.GetFileName))}) ask for settings olddefconfig dropped: {string.Join("; ", missing)}. " +
                "Enable the symbols they depend on in a fragment, or fix the symbol names.");
        }

        // 3. Build and install. Kbuild refuses the modules targets when the config has no module support.
        var buildModules = options.Modules && HasModules(File.ReadAllText(configPath));
        if (options.Modules && !buildModules)
        {
            options.Log?.Invoke("The kernel config has no module support (CONFIG_MODULES is not set); building no modules.");
        }

        List<string> targets = [arch.ImageTarget];
        if (buildModules)
        {
            targets.Add("modules");
        }

        if (arch.HasDeviceTrees)
        {
            targets.Add("dtbs");
        }

        Make([.. targets]);
        string? modules = null, dtbs = null;
        var release = File.ReadAllText(Path.Combine(build, "include", "config", "kernel.release")).Trim();
        if (buildModules)
        {
            Make("modules_install", $"INSTALL_MOD_PATH={OutputMount}/modules", "INSTALL_MOD_STRIP=1");
            modules = Path.Combine(output, "modules");

            // They point at the build's container paths, which mean nothing on a target.
            foreach (var link in new[] { "build", "source" })
            {
                var path = Path.Combine(modules, "lib", "modules", release, link);
                if (new FileInfo(path).LinkTarget is not null)
                {
                    File.Delete(path);
                }
            }
        }

        if (arch.HasDeviceTrees)
        {
            Make("dtbs_install", $"INSTALL_DTBS_PATH={OutputMount}/dtbs");
            dtbs = Path.Combine(output, "dtbs");
        }

        return new KernelBuildResult(release, Path.Combine(build, arch.ImagePath), configPath, Path.Combine(build, "System.map"), modules, dtbs);
    }

    /// <summary>True when a final <c>.config</c> enables loadable modules.</summary>
    public static bool HasModules(string config) =>
        config.Split('\n').Any(l => l.TrimEnd('\r') == "CONFIG_MODULES=y");

    /// <summary>The reproducible-build environment (and CROSS_COMPILE unless the host builds natively).</summary>
    public static IReadOnlyDictionary<string, string> Environment(KernelBuildOptions options, KernelArchitecture arch)
    {
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(options.SourceDateEpoch).UtcDateTime;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["KBUILD_BUILD_USER"] = options.BuildUser,
            ["KBUILD_BUILD_HOST"] = options.BuildHost,
            ["KBUILD_BUILD_TIMESTAMP"] = timestamp.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture),
            ["KBUILD_BUILD_VERSION"] = "1",
            ["SOURCE_DATE_EPOCH"] = options.SourceDateEpoch.ToString(CultureInfo.InvariantCulture),
            ["KCONFIG_NOTIMESTAMP"] = "1",
            ["LC_ALL"] = "C",
            ["TZ"] = "UTC",
        };
        if (arch.Debian != HostArchitecture())
        {
            environment["CROSS_COMPILE"] = arch.CrossCompile;
        }

        return environment;
    }

    /// <summary>The host's Debian architecture name.</summary>
    public static string HostArchitecture() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static IEnumerable<string> CrossTools(KernelArchitecture arch) =>
        arch.Debian == HostArchitecture() ? [] : [arch.CrossCompile + "gcc"];
}
