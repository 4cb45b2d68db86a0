using System.Globalization;
using Hyperbake.Host;
using Hyperbake.Model.Knobs;
using Hyperbake.Model.Platforms;

namespace Build;

/// <summary>
/// What every task knows about this build: the repository root, the knobs (validated here, before
/// any task runs), where artefacts go and the timestamp every output is stamped with.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    private readonly Lazy<long> _sourceDateEpoch;

    public BuildContext(ICakeContext context)
        : base(context)
    {
        var root = context.Environment.GetEnvironmentVariable("HYPERBAKE_ROOT");
        Root = Path.GetFullPath(string.IsNullOrEmpty(root) ? context.Environment.WorkingDirectory : root, context.Environment.WorkingDirectory);
        Platforms = Startup.EarlyWork.Platforms(Root);
        var inputs = new KnobInputs(
            name => context.Arguments.GetArgument(name),
            key => context.Configuration.GetValue(key),
            name => context.Environment.GetEnvironmentVariable(name));
        Knobs = KnobResolver.Resolve(inputs, Platforms, KnobValues.HostArch, () => Startup.EarlyWork.RootfsVersion(Root));
        var explicitEpoch = ExplicitSourceDateEpoch();
        _sourceDateEpoch = new Lazy<long>(() => explicitEpoch ?? Startup.EarlyWork.LastCommitTime(Root) ?? 0);
    }

    /// <summary>The repository root: <c>HYPERBAKE_ROOT</c> (set by build.sh), else the working directory.</summary>
    public string Root { get; }

    public PlatformCatalog Platforms { get; }

    public KnobSet Knobs { get; }

    /// <summary>The top of all outputs: <c>Paths_Dist</c> (default <c>dist</c>) under the root.</summary>
    public string DistRoot => Path.Combine(Root, Configuration.GetValue("Paths_Dist") is { Length: > 0 } dist ? dist : "dist");

    /// <summary>This build's outputs: <c>dist/&lt;arch&gt;/&lt;version&gt;/</c>.</summary>
    public string DistDirectory => Path.Combine(DistRoot, Knobs.Arch, Knobs.RootfsVersion);

    /// <summary>One log file per executed task.</summary>
    public string LogDirectory => Path.Combine(DistDirectory, "logs");

    /// <summary>
    /// Seconds since 1970-01-01 UTC that every timestamp in every output uses:
    /// <c>--source-date-epoch</c>, else <c>SOURCE_DATE_EPOCH</c>, else <c>Build_SourceDateEpoch</c> in
    /// cake.config, else the last commit time, else 0.
    /// </summary>
    public long SourceDateEpoch => _sourceDateEpoch.Value;

    private long? ExplicitSourceDateEpoch()
    {
        var candidates = new (string? Value, string Spelling)[]
        {
            (Arguments.GetArgument("source-date-epoch"), "--source-date-epoch"),
            (Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), "SOURCE_DATE_EPOCH"),
            (Configuration.GetValue("Build_SourceDateEpoch"), "Build_SourceDateEpoch (cake.config)"),
        };
        foreach (var (value, spelling) in candidates)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new CakeException($"{spelling}={value} is not a number of seconds since 1970-01-01 UTC. Use for example {spelling.Split(' ')[0]}=1700000000.");
            }

            return seconds;
        }

        return null;
    }
}
