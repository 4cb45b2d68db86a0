using System.Text.Json;
using Hyperbake.Cache.Files;
using Hyperbake.Cache.Fingerprints;

namespace Hyperbake.Cache.Store;

/// <summary>
/// The content-addressed cache of task outputs, shared by checkouts (Yocto's sstate idea):
/// <c>blobs/&lt;sha256&gt;</c> hold file contents, <c>entries/&lt;key&gt;.json</c> map an input key to
/// outputs. A blob or entry appears only by rename when complete, and an entry only after all its
/// blobs, so a build killed at any moment leaves nothing a later build would use, and two builds
/// publishing the same entry at once both succeed with identical results. Every restore checks
/// the blob's stored digest, so bytes changed on disk are detected and the entry dropped.
/// </summary>
public sealed class ContentStore
{
    /// <summary>The layout version: a folder of its own, so an older layout is never misread.</summary>
    public const string LayoutVersion = "v4";

    /// <summary>How long an unreferenced blob is kept: a build may be between writing it and writing its entry.</summary>
    public static readonly TimeSpan PublishGrace = TimeSpan.FromMinutes(10);


    public ContentStore(string root, LinkMode linkMode = LinkMode.Auto)
    {
        Root = Path.GetFullPath(root);
        LinkMode = linkMode;
        Directory.CreateDirectory(BlobsDirectory);
        Directory.CreateDirectory(EntriesDirectory);
        Directory.CreateDirectory(TempDirectory);
    }

    public string Root { get; }

    public LinkMode LinkMode { get; }

    private string LayoutDirectory => Path.Combine(Root, LayoutVersion);

    private string BlobsDirectory => Path.Combine(LayoutDirectory, "blobs");

    private string EntriesDirectory => Path.Combine(LayoutDirectory, "entries");

    private string TempDirectory => Path.Combine(LayoutDirectory, "tmp");

    /// <summary>The default folder: <c>$XDG_CACHE_HOME/hyperbake</c> or <c>~/.cache/hyperbake</c>.</summary>
    public static string DefaultRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "hyperbake");
    }

    /// <summary>Where the blob with this content hash lives (tests damage it on purpose).</summary>
    public string BlobPath(string sha) => Path.Combine(BlobsDirectory, sha[..2], sha);

    public string EntryPath(string key) => Path.Combine(EntriesDirectory, key + ".json");

    public CacheManifest? Find(string key)
    {
        var path = EntryPath(key);
        if (!File.Exists(path))
        {
            return null;
        }

        var manifest = TryRead(path);
        return manifest?.Key == key && manifest.Outputs.All(o => o.StoredDigest is { Length: > 0 }) ? manifest : null;
    }

    /// <summary>
    /// Puts an entry's outputs into <paramref name="destination"/> (each under a temp name, then
    /// renamed), by reflink, hard link or sparse copy as <see cref="LinkMode"/> says, checking every
    /// blob's stored digest. A blob whose bytes changed on disk is removed with its entry and the
    /// call returns false, so the task runs again.
    /// </summary>
    public bool TryRestore(string key, string destination, out CacheManifest? manifest)
    {
        manifest = Find(key);
        if (manifest is null)
        {
            return false;
        }

        Directory.CreateDirectory(destination);
        var staged = new List<(string Temp, string Final)>();
        try
        {
            foreach (var output in manifest.Outputs)
            {
                var blob = BlobPath(output.Sha256);
                var final = Path.Combine(destination, output.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                var temp = AtomicFile.TempNameFor(final);
                staged.Add((temp, final));
                if (!File.Exists(blob) || Materialize(blob, temp) != output.StoredDigest || new FileInfo(temp).Length != output.Size)
                {
                    DropDamaged(blob, key);
                    manifest = null;
                    return false;
                }

                if (!OperatingSystem.IsWindows() && LinkMode != LinkMode.HardLink)
                {
                    File.SetUnixFileMode(temp, (UnixFileMode)output.Mode);
                }
            }

            foreach (var (temp, final) in staged)
            {
                File.Move(temp, final, overwrite: true);
            }

            staged.Clear();
            Touch(EntryPath(key));
            return true;
        }
        catch (FileNotFoundException)
        {
            // Evicted or cleaned by another build while being read: a miss.
            manifest = null;
            return false;
        }
        finally
        {
            foreach (var (temp, _) in staged)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Checks every blob of an entry without restoring it (the stored digests; what a restore checks).</summary>
    public bool Verify(string key)
    {
        var manifest = Find(key);
        return manifest is not null && manifest.Outputs.All(o =>
        {
            var blob = BlobPath(o.Sha256);
            return File.Exists(blob) && new FileInfo(blob).Length == o.Size && SparseCopy.StoredDigest(blob) == o.StoredDigest;
        });
    }

    /// <summary>Every entry key the store holds.</summary>
    public IReadOnlyList<string> Keys() =>
        [.. Directory.EnumerateFiles(EntriesDirectory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Stores a task's outputs (files under <paramref name="outputDirectory"/>, by relative name)
    /// under <paramref name="fingerprint"/>'s key: <see cref="Stage"/> then <see cref="Commit"/>.
    /// </summary>
    public CacheManifest Publish(Fingerprint fingerprint, string outputDirectory, IEnumerable<string> outputNames) =>
        Commit(fingerprint, Stage(outputDirectory, outputNames));

    /// <summary>
    /// The quick half of a publish: private copies of the outputs in the store's temp folder (a
    /// reflink, or the data extents with the same holes), so the outputs themselves may be moved or
    /// used at once. The SHA-256 of each comes with its copy (the stored digest of a file up to
    /// <see cref="SparseCopy.PlainDigestLimit"/>), or for a larger one from the output on another
    /// core, starting as it is copied (the outputs are the writer's own until then, and they do not
    /// change afterwards); <see cref="Commit"/> waits for it. <paramref name="knownSha256"/> holds
    /// hashes a writer computed as it wrote (by output name), which are not computed again.
    /// </summary>
    public IReadOnlyList<StagedOutput> Stage(string outputDirectory, IEnumerable<string> outputNames, IReadOnlyDictionary<string, string>? knownSha256 = null)
    {
        Directory.CreateDirectory(TempDirectory);
        var staged = new List<StagedOutput>();
        try
        {
            foreach (var name in outputNames.Order(StringComparer.Ordinal))
            {
                var file = Path.Combine(outputDirectory, name);
                var key = name.Replace('\\', '/');
                var temp = Path.Combine(TempDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
                var length = new FileInfo(file).Length;

                // Up to PlainDigestLimit the stored digest is the SHA-256 itself; beyond, it is hashed on the side.
                var hash = knownSha256?.GetValueOrDefault(key) is { } known ? Task.FromResult(known)
                    : length > SparseCopy.PlainDigestLimit ? HashInBackground(file) : null;
                staged.Add(new StagedOutput(key, temp, length, OperatingSystem.IsWindows() ? 0x1A4 : (int)File.GetUnixFileMode(file), "", hash ?? Task.FromResult("")));

                // One pass over the data extents: the copy and its digest come from the same bytes.
                var digest = LinkMode != LinkMode.Copy && SparseCopy.TryClone(file, temp)
                    ? SparseCopy.StoredDigest(temp)
                    : SparseCopy.CopyExtents(file, temp);
                staged[^1] = staged[^1] with { StoredDigest = digest, Sha256 = hash ?? Task.FromResult(digest) };
            }

            return staged;
        }
        catch
        {
            Discard(staged);
            throw;
        }
    }

    /// <summary>The SHA-256 of a file on another core; the file is opened first, so it may be renamed meanwhile.</summary>
    private static Task<string> HashInBackground(string file)
    {
        var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        return Task.Run(() =>
        {
            using (handle)
            {
                return SparseCopy.Hash(handle);
            }
        });
    }

    /// <summary>
    /// The other half: puts each staged copy in place as the blob its SHA-256 names, unless an
    /// intact blob with those bytes is there already, then writes the entry, last.
    /// </summary>
    public CacheManifest Commit(Fingerprint fingerprint, IReadOnlyList<StagedOutput> staged)
    {
        try
        {
            var outputs = new List<CachedOutput>();
            foreach (var output in staged)
            {
                var sha = output.Sha256.GetAwaiter().GetResult();
                var blob = BlobPath(sha);
                Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
                if (File.Exists(blob) && SafeDigest(blob) == output.StoredDigest)
                {
                    Touch(blob);
                }
                else
                {
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(output.Temp, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                    }

                    File.Move(output.Temp, blob, overwrite: true);
                }

                outputs.Add(new CachedOutput(output.Name, output.Size, sha, output.Mode, output.StoredDigest));
            }

            var manifest = new CacheManifest(fingerprint.Key(), fingerprint.Instance, outputs, [.. fingerprint.Inputs]);
            AtomicFile.WriteAllBytes(EntryPath(manifest.Key), JsonSerializer.SerializeToUtf8Bytes(manifest, CacheJson.Default.CacheManifest));
            return manifest;
        }
        finally
        {
            Discard(staged);
        }
    }

    /// <summary>Deletes staged copies that will not be committed.</summary>
    public static void Discard(IEnumerable<StagedOutput> staged)
    {
        foreach (var output in staged)
        {
            TryDelete(output.Temp);
        }
    }

    /// <summary>Removes an entry (its blobs go at the next prune once nothing else names them).</summary>
    public void Evict(string key)
    {
        try
        {
            File.Delete(EntryPath(key));
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The bytes the blobs occupy (their data extents: holes cost nothing).</summary>
    public long Size() => Directory.EnumerateFiles(BlobsDirectory, "*", SearchOption.AllDirectories).Sum(DataLength);

    /// <summary>
    /// Least-recently-used eviction (entries are touched whenever they are restored) until the
    /// blobs still named take at most <paramref name="maxBytes"/>, then removal of blobs no entry
    /// names and of temp files left by killed builds, both older than <see cref="PublishGrace"/>.
    /// One prune at a time: a second one at once returns without doing anything.
    /// </summary>
    /// <param name="grace">How old an unreferenced blob must be to go (default <see cref="PublishGrace"/>).</param>
    public PruneResult Prune(long maxBytes, TimeSpan? grace = null)
    {
        using var gate = StoreLock.TryTake(Path.Combine(LayoutDirectory, "prune.lock"));
        if (gate is null)
        {
            return new PruneResult(0, 0, -1);
        }

        var cutoff = DateTime.UtcNow - (grace ?? PublishGrace);
        foreach (var stale in Directory.EnumerateFiles(TempDirectory).Where(f => File.GetLastWriteTimeUtc(f) < cutoff))
        {
            TryDelete(stale);
        }

        var entries = Directory.EnumerateFiles(EntriesDirectory, "*.json")
            .Select(f => (Path: f, Used: File.GetLastWriteTimeUtc(f), Manifest: TryRead(f)))
            .OrderBy(e => e.Used)
            .ThenBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        var blobSizes = Directory.EnumerateFiles(BlobsDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetFileName(f), DataLength, StringComparer.Ordinal);

        // How many live entries name each blob, so evicting one entry frees exactly what only it held.
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sha in entries.SelectMany(e => Blobs(e.Manifest)))
        {
            references[sha] = references.GetValueOrDefault(sha) + 1;
        }

        var referenced = references.Keys.Sum(sha => blobSizes.GetValueOrDefault(sha));
        var evicted = 0;
        while (entries.Count > 0 && referenced > maxBytes)
        {
            TryDelete(entries[0].Path);
            foreach (var sha in Blobs(entries[0].Manifest))
            {
                if (--references[sha] == 0)
                {
                    references.Remove(sha);
                    referenced -= blobSizes.GetValueOrDefault(sha);
                }
            }

            entries.RemoveAt(0);
            evicted++;
        }

        var removed = 0L;
        foreach (var blob in Directory.EnumerateFiles(BlobsDirectory, "*", SearchOption.AllDirectories))
        {
            var sha = Path.GetFileName(blob);
            if (!references.ContainsKey(sha) && File.GetLastWriteTimeUtc(blob) < cutoff)
            {
                removed += blobSizes.GetValueOrDefault(sha);
                TryDelete(blob);
            }
        }

        File.WriteAllBytes(PruneStamp, []);
        return new PruneResult(evicted, removed, referenced);
    }

    /// <summary>
    /// Whether the last <see cref="Prune"/> was longer than <paramref name="interval"/> ago. A prune
    /// reads every entry (tens of milliseconds on a cache of a few hundred), so builds prune now
    /// and then rather than after each one.
    /// </summary>
    public bool PruneIsDue(TimeSpan interval) =>
        !File.Exists(PruneStamp) || File.GetLastWriteTimeUtc(PruneStamp) < DateTime.UtcNow - interval;

    private string PruneStamp => Path.Combine(LayoutDirectory, "pruned");

    /// <summary>Removes every entry and blob (<c>--target=CleanCache</c>). Builds running at the same time miss, and publish again.</summary>
    public void Clear()
    {
        var doomed = LayoutDirectory + $".removing-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            Directory.Move(LayoutDirectory, doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        Directory.Delete(doomed, recursive: true);
        Directory.CreateDirectory(BlobsDirectory);
        Directory.CreateDirectory(EntriesDirectory);
        Directory.CreateDirectory(TempDirectory);
    }

    /// <summary>Puts a blob at <paramref name="temp"/> and returns the blob's stored digest.</summary>
    private string Materialize(string blob, string temp)
    {
        switch (LinkMode)
        {
            case LinkMode.HardLink when NativeFile.TryLink(blob, temp):
                return SparseCopy.StoredDigest(blob);
            case LinkMode.Auto when SparseCopy.TryClone(blob, temp):
                return SparseCopy.StoredDigest(blob);
            default:
                return SparseCopy.CopyExtents(blob, temp);
        }
    }

    private void DropDamaged(string blob, string key)
    {
        TryDelete(blob);
        Evict(key);
    }

    private static string? SafeDigest(string path)
    {
        try
        {
            return SparseCopy.StoredDigest(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Blobs(CacheManifest? manifest) => manifest?.Outputs.Select(o => o.Sha256).Distinct(StringComparer.Ordinal) ?? [];

    private static long DataLength(string path)
    {
        try
        {
            return FileExtents.DataLength(FileExtents.Data(path));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static CacheManifest? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), CacheJson.Default.CacheManifest);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
