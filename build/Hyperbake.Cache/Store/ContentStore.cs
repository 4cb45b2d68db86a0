using System.Text.Json;
using Hyperbake.Cache.Fingerprints;

namespace Hyperbake.Cache.Store;

/// <summary>
/// The content-addressed cache of task outputs, shared by checkouts (Yocto's sstate idea):
/// <c>blobs/&lt;sha256&gt;</c> hold file contents, <c>entries/&lt;key&gt;.json</c> map an input key to
/// outputs. A blob or entry appears only by rename when complete, so a build killed at any
/// moment leaves nothing a later build would use, and two builds publishing the same entry at
/// once both succeed with identical results.
/// </summary>
public sealed class ContentStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public ContentStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(BlobsDirectory);
        Directory.CreateDirectory(EntriesDirectory);
        Directory.CreateDirectory(TempDirectory);
    }

    public string Root { get; }

    private string BlobsDirectory => Path.Combine(Root, "v1", "blobs");

    private string EntriesDirectory => Path.Combine(Root, "v1", "entries");

    private string TempDirectory => Path.Combine(Root, "v1", "tmp");

    /// <summary>The default folder: <c>$XDG_CACHE_HOME/hyperbake</c> or <c>~/.cache/hyperbake</c>.</summary>
    public static string DefaultRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "hyperbake");
    }

    public CacheManifest? Find(string key)
    {
        var path = EntryPath(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<CacheManifest>(File.ReadAllBytes(path));
            return manifest?.Key == key ? manifest : null;
        }
        catch (JsonException)
        {
            Evict(key);
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Copies an entry's outputs into <paramref name="destination"/> (each written to a temp name
    /// and renamed), verifying every blob's hash on the way. A blob whose bytes changed on disk is
    /// removed with its entry and the call returns false, so the task runs again.
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
                if (!File.Exists(blob) || SparseCopy.CopyAndHash(blob, temp) != output.Sha256)
                {
                    File.Delete(temp);
                    if (File.Exists(blob))
                    {
                        File.Delete(blob);
                    }

                    Evict(key);
                    manifest = null;
                    return false;
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temp, (UnixFileMode)output.Mode);
                }

                staged.Add((temp, final));
            }

            foreach (var (temp, final) in staged)
            {
                File.Move(temp, final, overwrite: true);
            }

            staged.Clear();
            Touch(EntryPath(key));
            return true;
        }
        finally
        {
            foreach (var (temp, _) in staged)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Stores a task's outputs (files under <paramref name="outputDirectory"/>, by relative name) under <paramref name="fingerprint"/>'s key.</summary>
    public CacheManifest Publish(Fingerprint fingerprint, string outputDirectory, IEnumerable<string> outputNames)
    {
        var key = fingerprint.Key();
        var outputs = new List<CachedOutput>();
        foreach (var name in outputNames.Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(outputDirectory, name);
            var temp = Path.Combine(TempDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                var sha = SparseCopy.CopyAndHash(file, temp);
                var blob = BlobPath(sha);
                if (!File.Exists(blob))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                    }

                    File.Move(temp, blob, overwrite: true);
                }

                var mode = OperatingSystem.IsWindows() ? 0x1A4 : (int)File.GetUnixFileMode(file);
                outputs.Add(new CachedOutput(name.Replace('\\', '/'), new FileInfo(file).Length, sha, mode));
            }
            finally
            {
                File.Delete(temp);
            }
        }

        var manifest = new CacheManifest(key, fingerprint.Instance, outputs, [.. fingerprint.Inputs]);
        AtomicFile.WriteAllBytes(EntryPath(key), JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        return manifest;
    }

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

    /// <summary>The bytes the cache holds (blobs only; entries are small).</summary>
    public long Size() => Directory.EnumerateFiles(BlobsDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    /// <summary>
    /// Least-recently-used eviction down to <paramref name="maxBytes"/>, then removal of blobs no
    /// entry names any more, and of temp files left by killed builds. Blobs younger than an hour
    /// are kept even when unreferenced: a build may be publishing them right now.
    /// </summary>
    public void Prune(long maxBytes)
    {
        foreach (var stale in Directory.EnumerateFiles(TempDirectory).Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddHours(-1)))
        {
            File.Delete(stale);
        }

        var entries = Directory.EnumerateFiles(EntriesDirectory, "*.json")
            .Select(f => (Path: f, Used: File.GetLastWriteTimeUtc(f), Manifest: TryRead(f)))
            .OrderBy(e => e.Used)
            .ToList();
        var blobSizes = Directory.EnumerateFiles(BlobsDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetFileName(f), f => new FileInfo(f).Length, StringComparer.Ordinal);
        long Referenced() => entries.SelectMany(e => e.Manifest?.Outputs ?? []).Select(o => o.Sha256).Distinct()
            .Sum(sha => blobSizes.TryGetValue(sha, out var s) ? s : 0);

        while (entries.Count > 0 && Referenced() > maxBytes)
        {
            File.Delete(entries[0].Path);
            entries.RemoveAt(0);
        }

        var live = entries.SelectMany(e => e.Manifest?.Outputs ?? []).Select(o => o.Sha256).ToHashSet(StringComparer.Ordinal);
        foreach (var blob in Directory.EnumerateFiles(BlobsDirectory, "*", SearchOption.AllDirectories))
        {
            if (!live.Contains(Path.GetFileName(blob)) && File.GetLastWriteTimeUtc(blob) < DateTime.UtcNow.AddHours(-1))
            {
                File.Delete(blob);
            }
        }
    }

    private static CacheManifest? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CacheManifest>(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
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
    }

    private string EntryPath(string key) => Path.Combine(EntriesDirectory, key + ".json");

    private string BlobPath(string sha) => Path.Combine(BlobsDirectory, sha[..2], sha);
}
