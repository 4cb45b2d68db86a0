using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Hyperbake.Cache.Files;

namespace Hyperbake.Cache.Fingerprints;

/// <summary>
/// Remembers the SHA-256 of files by (path, size, mtime), so a no-change rebuild does not read
/// gigabytes again: a file is rehashed only when its stat changes (the approach git's index takes).
/// </summary>
public sealed class FileHashCache
{
    private readonly string? _statePath;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Size, long MtimeTicks, Task<string?> Sha256)> _pending = new(StringComparer.Ordinal);
    private bool _dirty;

    public FileHashCache(string? statePath)
    {
        _statePath = statePath;
        if (statePath is not null && File.Exists(statePath))
        {
            foreach (var (path, entry) in Read(statePath))
            {
                _entries[path] = entry;
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
        if (_entries.TryGetValue(info.FullName, out var e) && e.Size == info.Length && e.MtimeTicks == stamp && e.Sha256 is not null
            && (e.Produced || DateTime.UtcNow.Ticks - stamp > TimeSpan.TicksPerSecond * 2))
        {
            return e.Sha256;
        }

        // A hash being computed right now (a task's output while it is stored in the cache): wait for it rather than hash twice.
        if (_pending.TryGetValue(info.FullName, out var pending) && pending.Size == info.Length && pending.MtimeTicks == stamp
            && pending.Sha256.GetAwaiter().GetResult() is { } computed)
        {
            return computed;
        }

        // A file changed within the last two seconds may change again within the same mtime tick: hash it, but don't trust the stamp yet.
        var hash = SparseCopy.Hash(path);
        _entries[info.FullName] = new Entry(info.Length, stamp, hash, Digest: e is not null && e.Size == info.Length && e.MtimeTicks == stamp ? e.Digest : null);
        _dirty = true;
        return hash;
    }

    /// <summary>
    /// The digest of a file as stored (<see cref="Files.SparseCopy.StoredDigest"/>): it changes when the
    /// content does and costs only the file's data, so a fingerprint of a 1 GiB sparse disk image
    /// does not wait for a SHA-256 over the whole gigabyte. Kept by stat like <see cref="Hash"/>.
    /// </summary>
    public string Digest(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Input file '{path}' does not exist.", path);
        }

        var stamp = info.LastWriteTimeUtc.Ticks;
        if (_entries.TryGetValue(info.FullName, out var e) && e.Size == info.Length && e.MtimeTicks == stamp && e.Digest is not null
            && (e.Produced || DateTime.UtcNow.Ticks - stamp > TimeSpan.TicksPerSecond * 2))
        {
            return e.Digest;
        }

        var digest = SparseCopy.StoredDigest(path);
        _entries.AddOrUpdate(
            info.FullName,
            _ => new Entry(info.Length, stamp, null, Digest: digest),
            (_, old) => old.Size == info.Length && old.MtimeTicks == stamp ? old with { Digest = digest } : new Entry(info.Length, stamp, null, Digest: digest));
        _dirty = true;
        return digest;
    }

    /// <summary>Announces that the SHA-256 of <paramref name="path"/> (as it is now) is being computed; <see cref="Hash"/> waits for it (null: hash the file).</summary>
    public void Expect(string path, Task<string?> sha256)
    {
        var info = new FileInfo(path);
        _pending[info.FullName] = (info.Length, info.LastWriteTimeUtc.Ticks, sha256);
    }

    /// <summary>
    /// Records the hash of a file this build just wrote or restored (known from the cache, so it
    /// is not read again). Trusted at once: nothing else writes a task's output while it runs.
    /// </summary>
    public void Remember(string path, string sha256)
    {
        var info = new FileInfo(path);
        var entry = new Entry(info.Length, info.LastWriteTimeUtc.Ticks, sha256, Produced: true);
        if (_entries.TryGetValue(info.FullName, out var known) && known.Size == entry.Size && known.MtimeTicks == entry.MtimeTicks)
        {
            entry = entry with { Digest = known.Digest };
        }

        if (known != entry)
        {
            _entries[info.FullName] = entry;
            _dirty = true;
        }
    }

    public void Save()
    {
        if (_statePath is null || !_dirty)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_statePath)!);
        var text = new StringBuilder(FormatLine);
        foreach (var (path, e) in _entries.Where(kv => kv.Key.IndexOfAny(['\t', '\n', '\r']) < 0 && File.Exists(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Size}\t{e.MtimeTicks}\t{e.Sha256 ?? "-"}\t{(e.Produced ? "p" : "-")}\t{e.Digest ?? "-"}\t{path}\n");
        }

        AtomicFile.WriteAllText(_statePath, text.ToString());
        _dirty = false;
    }

    // One line per file, tab-separated, path last: read by every build before its first stage,
    // so it is parsed by hand rather than by a serializer that takes milliseconds to warm up.
    private const string FormatLine = "hyperbake file hashes 2\n"; // 2: digests of files up to 64 MiB are their SHA-256

    private static IEnumerable<(string Path, Entry Entry)> Read(string statePath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(statePath);
        }
        catch (IOException)
        {
            yield break;
        }

        // Another format (an older one) only costs rehashing.
        if (lines.Length == 0 || lines[0] != FormatLine.TrimEnd('\n'))
        {
            yield break;
        }

        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t', 6);
            if (f.Length == 6
                && long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                && long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mtime))
            {
                yield return (f[5], new Entry(size, mtime, f[2] == "-" ? null : f[2], f[3] == "p", f[4] == "-" ? null : f[4]));
            }
        }
    }

    /// <param name="Produced">Recorded by <see cref="Remember"/>: trusted even when the file is seconds old.</param>
    /// <param name="Digest">The stored digest (<see cref="Digest(string)"/>), when asked for.</param>
    public sealed record Entry(long Size, long MtimeTicks, string? Sha256, bool Produced = false, string? Digest = null);
}
