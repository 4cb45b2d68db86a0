using System.Reflection;
using System.Runtime.CompilerServices;
using Hyperbake.Cache;
using Hyperbake.Cache.Files;
using Hyperbake.Cache.Fingerprints;
using Hyperbake.Cache.Store;
using Hyperbake.Host;

namespace Build.Caching;

/// <summary>
/// Runs a stage only when its inputs changed. In order: outputs already in dist/ from the same
/// inputs (nothing to do), then the content-addressed cache (restore), then the stage itself,
/// built in a scratch folder, published, and moved into dist/ only when complete. A stage's
/// state file in dist/ is removed before its outputs are replaced and written after, so a build
/// killed in between leaves outputs that the next build does not trust.
/// </summary>
public sealed class StageCache
{
    private static readonly ConditionalWeakTable<BuildContext, StageCache> Caches = new();

    /// <summary>Whether any stage of the running task did its work (a task is Cached only when none did).</summary>
    private static readonly AsyncLocal<StrongBox<bool>?> RanInTask = new();

    /// <summary>How often a build that stored something applies <c>Cache_MaxSize</c>.</summary>
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);

    private static readonly Lazy<string> Code = new(CodeIdentity);

    private readonly BuildContext _context;
    private readonly Lazy<ContentStore> _store;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _running = new(StringComparer.Ordinal);
    private readonly List<Task> _background = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _reported = new(StringComparer.Ordinal);
    private int _published;

    private StageCache(BuildContext context)
    {
        _context = context;
        Settings = CacheSettings.From(context, context.Root);
        Files = new FileHashCache(Path.Combine(context.Root, ".hyperbake", "file-hashes.json"));
        _store = new Lazy<ContentStore>(() => new ContentStore(Settings.Path, Settings.Link));

        // Every stage starts with the build code's identity: it is worked out (with the hashing it
        // loads) on another core while the recipe is composed.
        _ = Task.Run(() => Code.Value);
    }

    public CacheSettings Settings { get; }

    public FileHashCache Files { get; }

    public ContentStore Store => _store.Value;

    /// <summary>The stage cache of a build (one per run).</summary>
    public static StageCache For(BuildContext context) => Caches.GetValue(context, c => new StageCache(c));

    /// <summary>At the end of a run: keeps the file hashes for the next one and applies <c>Cache_MaxSize</c>.</summary>
    public static void Finish(BuildContext context)
    {
        if (Caches.TryGetValue(context, out var cache))
        {
            cache.Finish();
        }
    }

    /// <summary><c>Cache_Path</c> from cake.config or the command line, else the user's cache folder.</summary>
    public static string StorePath(BuildContext context) => CacheSettings.From(context, context.Root).Path;

    /// <summary>A fingerprint with what every stage depends on: SOURCE_DATE_EPOCH and the build code itself.</summary>
    public Fingerprint NewFingerprint(string instance)
    {
        var fp = new Fingerprint(instance, Files);
        fp.Value("SOURCE_DATE_EPOCH", _context.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fp.Add("value", "hyperbake", Code.Value);
        return fp;
    }

    /// <summary>
    /// Makes <paramref name="outputs"/> exist in <paramref name="outputDirectory"/> for the inputs in
    /// <paramref name="fingerprint"/>, calling <paramref name="build"/> (with a scratch folder to write
    /// them into) only when neither dist/ nor the cache already has them.
    /// </summary>
    /// <param name="storage">
    /// <see cref="StageStorage.DistOnly"/> for outputs that are cheaper to build again than to copy
    /// (a disk image streamed from cached parts in tens of milliseconds): they are kept up to date
    /// in dist/ but not stored in the cache, as Yocto leaves image tasks out of its sstate.
    /// </param>
    public void Run(ICakeContext task, Fingerprint fingerprint, string outputDirectory, IReadOnlyList<string> outputs, Action<string> build, StageStorage storage = StageStorage.Cache) =>
        Run(task, fingerprint, outputDirectory, scratch =>
        {
            build(scratch);
            return outputs;
        }, storage);

    /// <summary>
    /// As <see cref="Run(ICakeContext, Fingerprint, string, IReadOnlyList{string}, Action{string})"/>, for a stage
    /// whose outputs are known only once it ran (a kernel's modules): <paramref name="build"/> returns their names.
    /// </summary>
    public void Run(ICakeContext task, Fingerprint fingerprint, string outputDirectory, Func<string, IReadOnlyList<string>> build, StageStorage storage = StageStorage.Cache)
    {
        // Two tasks of one run may need the same instance (the live and installer builds share parts): one builds, the other finds it done.
        lock (_running.GetOrAdd(StatePath(outputDirectory, fingerprint.Instance), _ => new object()))
        {
            RunExclusive(task, fingerprint, outputDirectory, build, storage);
        }
    }

    private void RunExclusive(ICakeContext task, Fingerprint fingerprint, string outputDirectory, Func<string, IReadOnlyList<string>> build, StageStorage storage)
    {
        var key = fingerprint.Key();
        var statePath = StatePath(outputDirectory, fingerprint.Instance);
        var previous = ReadState(statePath);
        var force = task.Arguments.HasArgument("force");
        if (!force && previous?.Key == key && OutputsUnchanged(outputDirectory, previous))
        {
            foreach (var stamp in previous.Outputs.Where(s => s.Sha256 is not null))
            {
                Files.Remember(Path.Combine(outputDirectory, stamp.Name), stamp.Sha256!);
            }

            Cached(task, "up to date");
            return;
        }

        var lastPath = LastPath(fingerprint.Instance);
        var last = ReadState(lastPath);
        IReadOnlyList<string> reasons = force ? ["--force"] : ChangeExplainer.Explain(last?.Inputs, fingerprint.Inputs);
        var explain = task.Arguments.HasArgument("explain");
        DeleteState(statePath);
        if (!force && storage == StageStorage.Cache && Store.TryRestore(key, outputDirectory, out var manifest))
        {
            var hashes = manifest!.Outputs.ToDictionary(o => o.Name, o => o.Sha256, StringComparer.Ordinal);
            Finished(statePath, lastPath, key, outputDirectory, [.. manifest.Outputs.Select(o => o.Name)], fingerprint, hashes);
            Log(task, explain, "{0} restored from the cache; changed since the last build: {1}", fingerprint.Instance,
                reasons.Count > 0 ? reasons : ["nothing (this dist/ folder did not have its outputs)"]);
            Cached(task, "restored from cache");
            return;
        }

        Ran(task);
        Log(task, explain, "Why {0} runs: {1}", fingerprint.Instance,
            reasons.Count > 0 ? reasons : ["same inputs as the last build, but neither dist/ nor the cache holds its outputs"]);
        Directory.CreateDirectory(outputDirectory);
        var work = Path.Combine(outputDirectory, ".work");
        RemoveAbandonedScratch(work);
        var scratch = Path.Combine(work, $"{Sanitize(fingerprint.Instance)}-{Environment.ProcessId}");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(scratch);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var outputs = build(scratch);
            var built = clock.Elapsed;
            foreach (var name in outputs)
            {
                if (!File.Exists(Path.Combine(scratch, name)))
                {
                    throw new InvalidOperationException($"{fingerprint.Instance} did not produce {name}.");
                }
            }

            var hashes = ReportedHashes(scratch, outputs);
            var staged = storage == StageStorage.Cache ? Stage(task, fingerprint, scratch, outputs, hashes) : null;
            foreach (var output in staged ?? [])
            {
                // Hashed while it was copied (a large sparse image may take longer: then the background commit tells).
                if (output.Sha256.IsCompletedSuccessfully)
                {
                    hashes[output.Name] = output.Sha256.Result;
                }
            }

            if (storage == StageStorage.Cache)
            {
                task.Log.Verbose("{0}: built in {1:F2} s, copied for the cache in {2:F2} s", fingerprint.Instance, built.TotalSeconds, (clock.Elapsed - built).TotalSeconds);
            }
            else
            {
                task.Log.Verbose("{0}: built in {1:F2} s, kept in dist/ only", fingerprint.Instance, built.TotalSeconds);
            }
            DeleteState(statePath);
            foreach (var name in outputs)
            {
                var final = Path.Combine(outputDirectory, name);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                // Removed, not renamed over: replacing a file by rename makes ext4 write the new one back
                // at once (auto_da_alloc), as slow as writing it. Nothing trusts the output meanwhile: its state is gone.
                File.Delete(final);
                File.Move(Path.Combine(scratch, name), final);
            }

            var state = Finished(statePath, lastPath, key, outputDirectory, outputs, fingerprint, hashes);
            if (staged is not null)
            {
                CommitInBackground(task, fingerprint, staged, statePath, lastPath, outputDirectory, state);
            }
            else if (storage == StageStorage.DistOnly && state.Outputs.Any(o => o.Sha256 is null))
            {
                HashInBackground(state, statePath, lastPath, outputDirectory);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
            TryRemoveEmpty(work);
        }
    }

    /// <summary>
    /// Tells the cache the SHA-256 of an output the stage just wrote into its scratch folder (a
    /// writer that hashed while writing), so that nothing reads the file again to learn it.
    /// </summary>
    public void Report(string scratchFile, string sha256) => _reported[Path.GetFullPath(scratchFile)] = sha256;

    private Dictionary<string, string> ReportedHashes(string scratch, IReadOnlyList<string> outputs)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in outputs)
        {
            if (_reported.TryRemove(Path.GetFullPath(Path.Combine(scratch, name)), out var sha))
            {
                known[name.Replace('\\', '/')] = sha;
            }
        }

        return known;
    }

    /// <summary>
    /// Replaces a stage's outputs in dist/ by other means than <see cref="Run"/> (a file patched in
    /// place): the state is dropped first, so a build killed meanwhile leaves nothing trusted.
    /// </summary>
    public void Forget(string outputDirectory, string instance) => DeleteState(StatePath(outputDirectory, instance));

    /// <summary>The inputs of the last build of an instance (in any dist/ folder of this checkout), if one was recorded.</summary>
    public StageState? LastBuild(string instance) => ReadState(LastPath(instance));

    public void Save() => Files.Save();

    /// <summary>Waits until every output of this run is in the cache (the end of a run, or a test).</summary>
    public void WaitForBackground()
    {
        Task[] pending;
        lock (_background)
        {
            pending = [.. _background];
            _background.Clear();
        }

        Task.WaitAll(pending);
    }

    private void Finish()
    {
        WaitForBackground();
        Files.Save();
        if (_published > 0 && Settings.MaxSize is { } max && Store.PruneIsDue(PruneInterval))
        {
            var result = Store.Prune(max);
            if (result.EntriesEvicted > 0)
            {
                _context.Log.Information(
                    "Cache {0}: evicted {1} least recently used entries ({2:F1} MiB) to stay under Cache_MaxSize ({3:F1} MiB).",
                    Store.Root, result.EntriesEvicted, result.BytesRemoved / 1048576.0, max / 1048576.0);
            }
        }
    }

    /// <summary>Copies a stage's outputs for the cache and learns their hashes (quick); null when the cache cannot take them.</summary>
    private IReadOnlyList<StagedOutput>? Stage(ICakeContext task, Fingerprint fingerprint, string scratch, IReadOnlyList<string> outputs, Dictionary<string, string> known)
    {
        try
        {
            return Store.Stage(scratch, outputs, known);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or unwritable cache costs the next build time, never this build its result.
            task.Log.Warning("Could not store {0} in the cache {1}: {2}", fingerprint.Instance, Store.Root, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Puts the staged copies in place and writes the cache entry while the build goes on, once
    /// their hashes are known (a 1 GiB disk image's SHA-256 takes longer than the stages after it).
    /// Stages that need an output's hash wait for it; the run waits for all of them before it ends.
    /// A build killed meanwhile leaves temp files, never an entry.
    /// </summary>
    private void CommitInBackground(ICakeContext task, Fingerprint fingerprint, IReadOnlyList<StagedOutput> staged, string statePath, string lastPath, string dir, StageState state)
    {
        var commit = Task.Run(() =>
        {
            try
            {
                var manifest = Store.Commit(fingerprint, staged);
                Interlocked.Increment(ref _published);
                return manifest.Outputs.ToDictionary(o => o.Name, o => o.Sha256, StringComparer.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                task.Log.Warning("Could not store {0} in the cache {1}: {2}", fingerprint.Instance, Store.Root, e.Message);
                return null;
            }
        });
        RecordHashesWhenKnown(commit, statePath, lastPath, dir, state);
    }

    /// <summary>
    /// The SHA-256 of outputs kept in dist/ only, computed while the build goes on (the release
    /// files wait for them; a 1 GiB disk image takes longer than the stages after it).
    /// </summary>
    private void HashInBackground(StageState state, string statePath, string lastPath, string dir)
    {
        var hashes = Task.Run(() =>
        {
            try
            {
                return (Dictionary<string, string>?)state.Outputs.ToDictionary(
                    o => o.Name.Replace('\\', '/'),
                    o => o.Sha256 ?? SparseCopy.Hash(Path.Combine(dir, o.Name)),
                    StringComparer.Ordinal);
            }
            catch (IOException)
            {
                // Replaced meanwhile (a later build): whoever needs the hash computes it from the file.
                return null;
            }
        });
        RecordHashesWhenKnown(hashes, statePath, lastPath, dir, state);
    }

    /// <summary>Hands the outputs' hashes to whoever waits for them and adds them to the stage's state once known.</summary>
    private void RecordHashesWhenKnown(Task<Dictionary<string, string>?> commit, string statePath, string lastPath, string dir, StageState state)
    {
        foreach (var name in state.Outputs.Select(o => o.Name))
        {
            Files.Expect(Path.Combine(dir, name), commit.ContinueWith(t => t.Result?.GetValueOrDefault(name.Replace('\\', '/')), TaskScheduler.Default));
        }

        var recorded = commit.ContinueWith(
            t =>
            {
                if (t.Result is not { } hashes)
                {
                    return;
                }

                // The stamps stay those of the files as they were moved in: a file changed since then is not up to date.
                var withHashes = state with { Outputs = [.. state.Outputs.Select(o => o with { Sha256 = hashes.GetValueOrDefault(o.Name.Replace('\\', '/')) })] };
                foreach (var o in withHashes.Outputs)
                {
                    var path = Path.Combine(dir, o.Name);
                    var info = new FileInfo(path);
                    if (o.Sha256 is not null && info.Exists && info.Length == o.Size && info.LastWriteTimeUtc.Ticks == o.MtimeTicks)
                    {
                        Files.Remember(path, o.Sha256);
                    }
                }

                var bytes = StageStateFile.Write(withHashes);
                lock (_running.GetOrAdd(statePath, _ => new object()))
                {
                    if (ReadState(statePath)?.Key == state.Key)
                    {
                        AtomicFile.WriteAllBytes(statePath, bytes);
                    }

                    if (ReadState(lastPath)?.Key == state.Key)
                    {
                        AtomicFile.WriteAllBytes(lastPath, bytes);
                    }
                }
            },
            TaskScheduler.Default);
        lock (_background)
        {
            _background.Add(recorded);
        }
    }

    private StageState Finished(string statePath, string lastPath, string key, string dir, IReadOnlyList<string> outputs, Fingerprint fingerprint, Dictionary<string, string> hashes)
    {
        var stamps = outputs.Select(n =>
        {
            var path = Path.Combine(dir, n);
            var info = new FileInfo(path);
            var sha = hashes.GetValueOrDefault(n.Replace('\\', '/'));
            if (sha is not null)
            {
                Files.Remember(path, sha);
            }

            return new StageOutputStamp(n, info.Length, info.LastWriteTimeUtc.Ticks, sha);
        }).ToList();
        var state = new StageState(key, stamps, [.. fingerprint.Inputs], Path.GetFullPath(dir));
        var bytes = StageStateFile.Write(state);
        Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
        AtomicFile.WriteAllBytes(statePath, bytes);
        Directory.CreateDirectory(Path.GetDirectoryName(lastPath)!);
        AtomicFile.WriteAllBytes(lastPath, bytes);
        return state;
    }

    private static void Log(ICakeContext task, bool explain, string format, string instance, IReadOnlyList<string> reasons)
    {
        if (explain)
        {
            task.Log.Information(format, instance, string.Join("; ", reasons));
        }
        else
        {
            task.Log.Verbose(format, instance, string.Join("; ", reasons));
        }
    }

    private static void Cached(ICakeContext task, string reason)
    {
        if (RanInTask.Value is not { Value: true })
        {
            task.ReportCached(reason);
        }
    }

    private static void Ran(ICakeContext task)
    {
        (RanInTask.Value ??= new StrongBox<bool>()).Value = true;
        task.ReportRan();
    }

    /// <summary>Scratch folders of builds that were killed (their process is gone).</summary>
    private static void RemoveAbandonedScratch(string work)
    {
        if (!Directory.Exists(work))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(work))
        {
            var dash = dir.LastIndexOf('-');
            if (dash > 0 && int.TryParse(dir.AsSpan(dash + 1), out var pid) && pid != Environment.ProcessId && !ProcessAlive(pid))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static bool ProcessAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
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
            return File.Exists(path) ? StageStateFile.Read(File.ReadAllBytes(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void DeleteState(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static string StatePath(string outputDirectory, string instance) =>
        Path.Combine(outputDirectory, ".state", Sanitize(instance) + ".state");

    /// <summary>The last build of an instance in this checkout's dist/ (any version folder): what <c>--explain</c> compares with.</summary>
    private string LastPath(string instance) => Path.Combine(_context.DistRoot, ".last", Sanitize(instance) + ".state");

    private static string Sanitize(string instance) =>
        string.Concat(instance.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    /// <summary>The build code itself: the module ids of this assembly and every Hyperbake assembly it uses (deterministic builds: they change exactly when the code does).</summary>
    private static string CodeIdentity()
    {
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(StageCache).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            var name = assembly.GetName().Name ?? "";
            if (!seen.TryAdd(name, assembly.ManifestModule.ModuleVersionId.ToString()))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name is { } n && n.StartsWith("Hyperbake.", StringComparison.Ordinal)))
            {
                if (!seen.ContainsKey(reference.Name!))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        // The runtime too: its zlib (every gzip and squashfs block) may compress differently from one release to the next.
        seen["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
        return Fingerprint.HashText(string.Join("\n", seen.Select(kv => kv.Key + ":" + kv.Value)));
    }
}
