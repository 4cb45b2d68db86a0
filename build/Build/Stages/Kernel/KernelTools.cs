using Hyperbake.Host;
using Hyperbake.Toolchains;
using Hyperbake.Toolchains.Debian;
using Hyperbake.Toolchains.Docker;
using Hyperbake.Toolchains.Kernel;

namespace Build.Stages.Kernel;

/// <summary>
/// The machinery a kernel build uses, created on first use: toolchain settings and runner, the Debian feed
/// and lock (for <c>debian:</c> sources) and the source unpacker.
/// </summary>
public sealed class KernelTools
{
    private readonly BuildContext _context;
    private readonly Lazy<IToolchainRunner> _runner;
    private readonly Lazy<DebianFeed> _feed;
    private readonly Lazy<PackageLock> _lock;

    public KernelTools(BuildContext context)
    {
        _context = context;
        Settings = ToolchainSettings.From(key => context.Configuration.GetValue(key) ?? Environment.GetEnvironmentVariable(key));
        Log = line => context.Log.Verbose("  | {0}", line);
        _runner = new Lazy<IToolchainRunner>(() => ToolchainRunners.Create(Settings, Path.Combine(context.Root, "layers"), m => context.Log.Information("{0}", m)));
        _feed = new Lazy<DebianFeed>(() => new DebianFeed(Settings, log: m => context.Log.Information("{0}", m)));
        _lock = new Lazy<PackageLock>(() => PackageLock.Load(LockPath));
    }

    public ToolchainSettings Settings { get; }

    /// <summary>Where toolchain output lines go: the task log (verbose on the console).</summary>
    public Action<string> Log { get; }

    public IToolchainRunner Runner => _runner.Value;

    public KernelSource Source => new(Runner, KernelStage.Toolchain);

    public string LockPath => Path.Combine(_context.Root, "layers", "core", "packages.lock.yaml");

    public DebianFeed Feed => _feed.Value;

    public PackageLock Lock => _lock.Value;

    /// <summary>The kernel toolchain's Dockerfile folder, found as the docker runner finds it (its files are part of the stage's fingerprint).</summary>
    public string ToolchainFolder =>
        ToolchainImages.FoldersUnder(Path.Combine(_context.Root, "layers"))
            .Select(f => Path.Combine(f, KernelStage.Toolchain))
            .FirstOrDefault(f => File.Exists(Path.Combine(f, "Dockerfile")))
        ?? throw new InvalidOperationException($"No layer has toolchains/{KernelStage.Toolchain}/Dockerfile; the kernel is built in that toolchain.");

    public DebianFeed? FeedIfDebian(KernelInputs inputs) => inputs.Source.Kind == KernelSourceKind.Debian ? Feed : null;

    /// <summary>The pinned <c>linux-source-*</c> package of a <c>debian:</c> source (locked under <c>all</c>), else null.</summary>
    public LockedPackage? PackageOf(KernelInputs inputs) =>
        inputs.Source.Kind != KernelSourceKind.Debian
            ? null
            : Lock.Find(Settings.DebianSuite, KernelInputs.IndependentArchitecture, inputs.Source.Location)
              ?? throw new InvalidOperationException(
                  $"Kernel source {inputs.Source} is not pinned in {Path.GetRelativePath(_context.Root, LockPath)} (suite {Settings.DebianSuite}, arch {KernelInputs.IndependentArchitecture}). " +
                  "Name it in a kernel recipe's 'source' and run ./build.sh --target=UpdateLock.");
}
