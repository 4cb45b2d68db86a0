using System.Runtime.CompilerServices;
using Build.Caching;
using Hyperbake.Host;
using Hyperbake.Model.Layers;
using Hyperbake.Model.Recipes;
using Hyperbake.Model.Yaml;
using Hyperbake.Toolchains;
using Hyperbake.Toolchains.Debian;

namespace Build.Stages.Live;

/// <summary>
/// What the live-image stages share within one run: the composed recipe, the package feed and
/// lock, the stage cache and the folders artefacts go to. Created on first use, so targets that
/// need none of it (Clean, Test, --tree) pay nothing.
/// </summary>
public sealed class LiveBuild
{
    private static readonly ConditionalWeakTable<BuildContext, Dictionary<string, LiveBuild>> Builds = new();

    /// <summary>One lock per run: every recipe of a build reads the same file.</summary>
    private static readonly ConditionalWeakTable<BuildContext, Lazy<PackageLock>> Locks = new();
    private readonly BuildContext _context;
    private readonly Lazy<ComposedRecipe> _recipe;
    private readonly Lazy<PackageLock> _lock;
    private readonly Lazy<DebianFeed> _feed;
    private readonly Lazy<ToolchainSettings> _toolchainSettings;
    private readonly Lazy<string> _effectiveRecipeText;

    private LiveBuild(BuildContext context, string recipeName)
    {
        _context = context;
        RecipeName = recipeName;
        Cache = StageCache.For(context);
        _recipe = new Lazy<ComposedRecipe>(() =>
        {
            var layers = LayerSet.Load(context.Root);
            var knobs = context.Knobs;
            return new RecipeComposer(layers).Compose(recipeName, new CompositionInput(knobs.Arch, knobs.Hypervisor, knobs.Platform.Name));
        });
        _effectiveRecipeText = new Lazy<string>(() => YamlEmitter.Emit(Composed.Document, ["Effective recipe composed from, in order:", .. Composed.Sources]));
        _toolchainSettings = new Lazy<ToolchainSettings>(() => ToolchainSettings.From(key => key == "Cache_Path" && Cache.Settings.Downloads is { } downloads
            ? downloads
            : context.Configuration.GetValue(key) ?? Environment.GetEnvironmentVariable(key)));
        _feed = new Lazy<DebianFeed>(() => new DebianFeed(
            _toolchainSettings.Value, log: m => context.Log.Information("{0}", m), extractedRoot: Path.Combine(Cache.Settings.Path, "extracted")));
        _lock = Locks.GetValue(context, _ => new Lazy<PackageLock>(() => File.Exists(LockPath)
            ? PackageLock.Load(LockPath)
            : throw new InvalidOperationException($"{Path.GetRelativePath(context.Root, LockPath)} is missing; run ./build.sh --target=UpdateLock to pin the packages.")));
    }

    public string RecipeName { get; }

    /// <summary>The build this is part of (stages outside a task's own call use it to report).</summary>
    public BuildContext Context => _context;

    /// <summary>The checkout root (paths in fingerprints are shown relative to it).</summary>
    public string RootDirectory => _context.Root;

    public StageCache Cache { get; }

    public ComposedRecipe Composed => _recipe.Value;

    public ImageRecipe Recipe => Composed.Image;

    public DebianFeed Feed => _feed.Value;

    public PackageLock Lock => _lock.Value;

    public ToolchainSettings ToolchainSettings => _toolchainSettings.Value;

    public string LockPath => Path.Combine(_context.Root, "layers", "core", "packages.lock.yaml");

    public string Arch => _context.Knobs.Arch;

    /// <summary>Final artefacts: <c>dist/&lt;arch&gt;/&lt;version&gt;/</c>.</summary>
    public string Dist => _context.DistDirectory;

    /// <summary>Intermediate parts (initrd, ESP, GRUB): <c>dist/&lt;arch&gt;/&lt;version&gt;/parts/&lt;recipe&gt;/</c>.</summary>
    public string Parts => Path.Combine(Dist, "parts", RecipeName);

    /// <summary>A stage instance name: stage x recipe x knobs.</summary>
    public string Instance(string stage) => $"{stage}/{RecipeName}/{Arch}/{_context.Knobs.Hypervisor}/{_context.Knobs.Platform.Name}";

    public TemplateValues Templates => new(Recipe.Name, _context.Knobs.RootfsVersion, Arch, _context.Knobs.Hypervisor, _context.Knobs.Platform.Name, Recipe.Banner);

    /// <summary>The effective recipe as text (what the user can inspect, and what fingerprints hash), emitted once per run.</summary>
    public string EffectiveRecipeText => _effectiveRecipeText.Value;

    public LockedPackage Pinned(string package) =>
        Lock.Find(Feed.Suite, Arch, package)
        ?? throw new InvalidOperationException(
            $"Package '{package}' ({Arch}) is not pinned in {Path.GetRelativePath(_context.Root, LockPath)}; run ./build.sh --target=UpdateLock.");

    /// <summary>A package and everything it depends on, as pinned.</summary>
    public IReadOnlyList<LockedPackage> PinnedClosure(string package)
    {
        Pinned(package);
        return Lock.Closure(Feed.Suite, Arch, package);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _outputs = new(StringComparer.Ordinal);

    /// <summary>Records where a stage put its output, for the stages after it in this run.</summary>
    public string Produced(string stage, string path)
    {
        _outputs[stage] = path;
        return path;
    }

    /// <summary>
    /// The output of an earlier stage: from this run, or (with <c>--exclusive</c>) from dist/
    /// where the last build left it.
    /// </summary>
    public string Output(string stage, string expectedPath)
    {
        if (_outputs.TryGetValue(stage, out var path))
        {
            return path;
        }

        return File.Exists(expectedPath)
            ? expectedPath
            : throw new InvalidOperationException(
                $"{Path.GetRelativePath(RootDirectory, expectedPath)} (from the {stage} stage) does not exist; run without --exclusive so {stage} runs first.");
    }

    public static LiveBuild For(BuildContext context, string recipeName)
    {
        var perContext = Builds.GetValue(context, _ => new Dictionary<string, LiveBuild>(StringComparer.Ordinal));
        lock (perContext)
        {
            if (!perContext.TryGetValue(recipeName, out var build))
            {
                build = new LiveBuild(context, recipeName);
                perContext[recipeName] = build;
            }

            return build;
        }
    }

    /// <summary>The recipe a live target builds: <c>--recipe=NAME</c>, default <c>live</c>.</summary>
    public static LiveBuild Live(BuildContext context) => For(context, context.Arguments.GetArgument("recipe") is { Length: > 0 } r ? r : "live");

    public static LiveBuild Installer(BuildContext context) => For(context, "installer");
}
