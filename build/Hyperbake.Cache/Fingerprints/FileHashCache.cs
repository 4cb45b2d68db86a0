using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace Hyperbake.Cache.Fingerprints;

/// <summary>
/// Remembers the SHA-256 of files by (path, size, mtime), so a no-change rebuild does not read
/// gigabytes again: a file is rehashed only when its stat changes (the approach git's index takes).
/// </summary>
public sealed class FileHashCache
{
    private readonly string? _statePath;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private bool _dirty;

    public FileHashCache(string? statePath)
    {
        _statePath = statePath;
        if (statePath is not null && File.Exists(statePath))
        {
            try
            {
                var loaded = JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllBytes(statePath));
                foreach (var (k, v) in loaded ?? [])
                {
                    _entries[k] = v;
                }
            }
            catch (JsonException)
            {
                // A damaged state file only costs rehashing.
            }
        }
    }

    public string Hash(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Input file '{path}' does not exist.", path);
        }

        var stamp = info.LastWriteTimeUtc.Ticks;
        if (_entries.TryGetValue(info.FullName, out var e) && e.Size == info.Length && e.MtimeTicks == stamp
            && DateTime.UtcNow.Ticks - stamp > TimeSpan.TicksPerSecond * 2)
        {
            return e.Sha256;
        }

        // A file changed within the last two seconds may change again within the same mtime tick: hash it, but don't trust the stamp yet.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        _entries[info.FullName] = new Entry(info.Length, stamp, hash);
        _dirty = true;
        return hash;
    }

    public void Save()
    {
        if (_statePath is null || !_dirty)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_statePath)!);
        var live = _entries.Where(kv => File.Exists(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
        AtomicFile.WriteAllBytes(_statePath, JsonSerializer.SerializeToUtf8Bytes(live));
        _dirty = false;
    }

    public sealed record Entry(long Size, long MtimeTicks, string Sha256);
}
