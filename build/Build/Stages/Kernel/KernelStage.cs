using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Build.Caching;
using Hyperbake.Host;
using Hyperbake.Model;
using Hyperbake.Model.Layers;
using Hyperbake.Model.Recipes;
using Hyperbake.Toolchains;
using Hyperbake.Toolchains.Debian;
using Hyperbake.Toolchains.Kernel;

namespace Build.Stages.Kernel;

/// <summary>
/// Builds a kernel from source in the <c>kernel</c> toolchain (docker, <c>--network none</c>) into
/// <c>dist/&lt;arch&gt;/&lt;version&gt;/kernel/</c>: the image (bzImage or Image), <c>config</c>, <c>System.map</c>,
/// <c>kernel.release</c>, <c>modules/lib/modules/…</c> when the config has modules and <c>dtbs/…</c> where the
/// arch has device trees. Cached by the source's identity, the config inputs, the toolchain and SOURCE_DATE_EPOCH.
/// </summary>
public static class KernelStage
{
    public const string Toolchain = "kernel";

    public const string DefaultRecipe = "tiny";

    public const string ConfigOutput = "config";

    public const string SystemMapOutput = "System.map";

    public const string ReleaseOutput = "kernel.release";

    /// <summary>The stage's folder for this run's arch and version.</summary>
    public static string OutputDirectory(BuildContext context) => Path.Combine(context.DistDirectory, "kernel");

    /// <summary>
    /// The recipe (<c>--kernel-recipe</c>, default <c>tiny</c>) with the command line's overrides:
    /// <c>--kernel-source</c>, <c>--kernel-defconfig</c> and <c>--kernel-fragments=a.cfg,b.cfg</c> (replacing the recipe's).
    /// </summary>
    public static KernelInputs Inputs(BuildContext context)
    {
        var layers = LayerSet.Load(context.Root);
        var recipe = KernelRecipeReader.Load(layers, Argument(context, "kernel-recipe") ?? DefaultRecipe);
        var arch = context.Knobs.Arch;
        if (recipe.Arches.Count > 0 && !recipe.Arches.Contains(arch, StringComparer.Ordinal))
        {
            throw new ModelException($"{recipe.Mark}: kernel recipe '{recipe.Name}' supports arches {string.Join(", ", recipe.Arches)}; --arch={arch} is not one of them.");
        }

        var sourceText = Argument(context, "kernel-source") ?? recipe.Source;
        var source = KernelSourceReference.Parse(sourceText, context.Root);
        var fragments = Argument(context, "kernel-fragments") is { } list
            ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(f => KernelRecipeReader.FindFragment(f, layers, context.Root, new SourceMark("--kernel-fragments", 0)))]
            : recipe.FragmentsFor(arch);
        return new KernelInputs(recipe, source, Argument(context, "kernel-defconfig") ?? recipe.Defconfig, fragments, arch);
    }

    /// <summary>Makes the kernel outputs exist in <see cref="OutputDirectory"/>; returns the image's path.</summary>
    public static string Run(BuildContext context, KernelInputs inputs)
    {
        var cache = StageCache.For(context);
        var tools = new KernelTools(context);
        var fp = cache.NewFingerprint($"Kernel/{inputs.Recipe.Name}/{inputs.Arch}")
            .Value("source", Identity(inputs, tools))
            .Value("defconfig", inputs.Defconfig)
            .Value("fragments", string.Join(",", inputs.Fragments.Select(f => Path.GetRelativePath(context.Root, f))))
            .Directory(tools.ToolchainFolder, "toolchain")
            .Value("backend", tools.Runner.Backend);
        foreach (var fragment in inputs.Fragments)
        {
            fp.File(fragment, Path.GetRelativePath(context.Root, fragment));
        }

        var output = OutputDirectory(context);
        cache.Run(context, fp, output, scratch => BuildInto(context, inputs, tools, scratch));
        cache.Save();
        return Path.Combine(output, ImageName(inputs));
    }

    /// <summary>The image's file name in the outputs: <c>bzImage</c> or <c>Image</c>.</summary>
    public static string ImageName(KernelInputs inputs) => Path.GetFileName(inputs.Architecture.ImagePath);

    /// <summary>
    /// Builds from scratch (no cache) into <paramref name="destination"/> and returns the output names
    /// (relative paths); the reproducibility check calls it for its second build.
    /// </summary>
    public static IReadOnlyList<string> BuildInto(BuildContext context, KernelInputs inputs, KernelTools tools, string destination)
    {
        var clock = Stopwatch.StartNew();
        var sourceTree = tools.Source.Prepare(inputs.Source, tools.Settings.CacheRoot, tools.FeedIfDebian(inputs), tools.PackageOf(inputs), tools.Log);
        context.Log.Information("Kernel source {0} ready in {1:F1} s: {2}", inputs.Source, clock.Elapsed.TotalSeconds, sourceTree);

        clock.Restart();
        var work = Path.Combine(destination, ".build");
        var result = new KernelBuilder(tools.Runner, Toolchain).Build(new KernelBuildOptions
        {
            SourceDirectory = sourceTree,
            OutputDirectory = work,
            Architecture = inputs.Arch,
            DefconfigTarget = inputs.Defconfig,
            Fragments = inputs.Fragments,
            SourceDateEpoch = context.SourceDateEpoch,
            Jobs = Argument(context, "kernel-jobs") is { } jobs ? int.Parse(jobs, CultureInfo.InvariantCulture) : 0,
            Log = tools.Log,
        });
        context.Log.Information("Kernel {0} ({1}) built in {2:F1} s", result.Release, inputs.Arch, clock.Elapsed.TotalSeconds);

        var outputs = new List<string>();
        void Take(string from, string name)
        {
            var to = Path.Combine(destination, name);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(from, to, overwrite: true);
            outputs.Add(name.Replace('\\', '/'));
        }

        void TakeTree(string? root, string prefix)
        {
            if (root is null || !Directory.Exists(root))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (new FileInfo(file).LinkTarget is null)
                {
                    Take(file, Path.Combine(prefix, Path.GetRelativePath(root, file)));
                }
            }
        }

        Take(result.ImagePath, ImageName(inputs));
        Take(result.ConfigPath, ConfigOutput);
        Take(result.SystemMapPath, SystemMapOutput);
        File.WriteAllText(Path.Combine(destination, ReleaseOutput), result.Release + "\n");
        outputs.Add(ReleaseOutput);
        TakeTree(result.ModulesDirectory, "modules");
        TakeTree(result.DtbsDirectory, "dtbs");
        Directory.Delete(work, recursive: true);
        return outputs;
    }

    /// <summary>The sha256 of a file, lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private static string Identity(KernelInputs inputs, KernelTools tools) =>
        $"{inputs.Source.Kind}:{KernelSource.Identity(inputs.Source, tools.PackageOf(inputs))}";

    private static string? Argument(BuildContext context, string name) =>
        context.Arguments.GetArgument(name) is { Length: > 0 } value ? value : null;
}
