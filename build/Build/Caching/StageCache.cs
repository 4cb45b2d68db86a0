using System.Text.Json;
using Hyperbake.Cache;
using Hyperbake.Cache.Fingerprints;
using Hyperbake.Cache.Store;
using Hyperbake.Host;

namespace Build.Caching;

/// <summary>
/// Runs a stage only when its inputs changed. In order: outputs already in dist/ from the same
/// inputs (nothing to do), then the content-addressed cache (restore), then the stage itself,
/// built in a scratch folder and moved into dist/ only when complete, then published.
/// </summary>
public sealed class StageCache
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly BuildContext _context;
    private readonly Lazy<ContentStore> _store;

    public StageCache(BuildContext context)
    {
        _context = context;
        Files = new FileHashCache(Path.Combine(context.Root, ".hyperbake", "file-hashes.json"));
        _store = new Lazy<ContentStore>(() => new ContentStore(StorePath(context)));
    }

    public FileHashCache Files { get; }

    public ContentStore Store => _store.Value;

    /// <summary><c>Cache_Path</c> from cake.config or the command line, else the user's cache folder.</summary>
    public static string StorePath(BuildContext context) =>
        context.Configuration.GetValue("Cache_Path") is { Length: > 0 } configured
            ? Path.GetFullPath(configured, context.Root)
            : ContentStore.DefaultRoot();

    public Fingerprint NewFingerprint(string instance)
    {
        var fp = new Fingerprint(instance, Files);
        fp.Value("SOURCE_DATE_EPOCH", _context.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fp.Value("hyperbake", typeof(StageCache).Assembly.ManifestModule.ModuleVersionId.ToString());
        return fp;
    }

    /// <summary>
    /// Makes <paramref name="outputs"/> exist in <paramref name="outputDirectory"/> for the inputs in
    /// <paramref name="fingerprint"/>, calling <paramref name="build"/> (with a scratch folder to write
    /// them into) only when neither dist/ nor the cache already has them.
    /// </summary>
    public void Run(ICakeContext task, Fingerprint fingerprint, string outputDirectory, IReadOnlyList<string> outputs, Action<string> build) =>
        Run(task, fingerprint, outputDirectory, scratch =>
        {
            build(scratch);
            return outputs;
        });

    /// <summary>
    /// As <see cref="Run(ICakeContext, Fingerprint, string, IReadOnlyList{string}, Action{string})"/>, for a stage
    /// whose outputs are known only once it ran (a kernel's modules): <paramref name="build"/> returns their names.
    /// </summary>
    public void Run(ICakeContext task, Fingerprint fingerprint, string outputDirectory, Func<string, IReadOnlyList<string>> build)
    {
        var key = fingerprint.Key();
        var statePath = StatePath(outputDirectory, fingerprint.Instance);
        var previous = ReadState(statePath);
        if (previous?.Key == key && OutputsUnchanged(outputDirectory, previous))
        {
            task.ReportCached("up to date");
            return;
        }

        var force = task.Arguments.HasArgument("force");
        if (!force && Store.TryRestore(key, outputDirectory, out var manifest))
        {
            WriteState(statePath, key, outputDirectory, [.. manifest!.Outputs.Select(o => o.Name)], fingerprint);
            task.ReportCached("restored from cache");
            return;
        }

        var reasons = force ? ["--force"] : ChangeExplainer.Explain(previous?.Inputs, fingerprint.Inputs);
        if (task.Arguments.HasArgument("explain"))
        {
            task.Log.Information("Why {0} runs: {1}", fingerprint.Instance, string.Join("; ", reasons));
        }
        else
        {
            task.Log.Verbose("Why {0} runs: {1}", fingerprint.Instance, string.Join("; ", reasons));
        }

        Directory.CreateDirectory(outputDirectory);
        var scratch = Path.Combine(outputDirectory, ".work", $"{Sanitize(fingerprint.Instance)}-{Environment.ProcessId}");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(scratch);
        try
        {
            var outputs = build(scratch);
            foreach (var name in outputs)
            {
                var produced = Path.Combine(scratch, name);
                if (!File.Exists(produced))
                {
                    throw new InvalidOperationException($"{fingerprint.Instance} did not produce {name}.");
                }
            }

            Store.Publish(fingerprint, scratch, outputs);
            foreach (var name in outputs)
            {
                var final = Path.Combine(outputDirectory, name);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                File.Move(Path.Combine(scratch, name), final, overwrite: true);
            }

            WriteState(statePath, key, outputDirectory, outputs, fingerprint);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
            TryRemoveEmpty(Path.GetDirectoryName(scratch)!);
        }
    }

    private static void TryRemoveEmpty(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Another stage is using it right now.
        }
    }

    public void Save() => Files.Save();

    private static bool OutputsUnchanged(string dir, StageState state) =>
        state.Outputs.All(o =>
        {
            var info = new FileInfo(Path.Combine(dir, o.Name));
            return info.Exists && info.Length == o.Size && info.LastWriteTimeUtc.Ticks == o.MtimeTicks;
        });

    private static StageState? ReadState(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<StageState>(File.ReadAllBytes(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteState(string path, string key, string dir, IReadOnlyList<string> outputs, Fingerprint fingerprint)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stamps = outputs.Select(n =>
        {
            var info = new FileInfo(Path.Combine(dir, n));
            return new StageOutputStamp(n, info.Length, info.LastWriteTimeUtc.Ticks);
        }).ToList();
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(new StageState(key, stamps, [.. fingerprint.Inputs]), Json));
    }

    private static string StatePath(string outputDirectory, string instance) =>
        Path.Combine(outputDirectory, ".state", Sanitize(instance) + ".json");

    private static string Sanitize(string instance) =>
        string.Concat(instance.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
