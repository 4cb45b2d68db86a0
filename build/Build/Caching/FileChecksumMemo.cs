using System.Collections.Concurrent;
using System.Text;
using Hyperbake.Cache;

namespace Build.Caching;

/// <summary>
/// The SHA-256 and SHA-1 of file contents whose identity is known without reading them, kept between
/// builds, so the SBOM of a rootfs change hashes only what changed. A key names bytes that cannot
/// change under it: a member of a package's decompressed data (the package's sha256, the member's
/// offset and length) or a stage output by its SHA-256. One file, rewritten whole when it gains
/// entries (under a temp name, then renamed), and a <see cref="SealedFile"/>: a damaged memo is
/// ignored, never believed.
/// </summary>
public sealed class FileChecksumMemo
{
    private const string Header = "hyperbake file checksums 1\n";

    private readonly string _path;
    private readonly ConcurrentDictionary<string, (string Sha256, string Sha1)> _known;
    private int _added;

    private FileChecksumMemo(string path, ConcurrentDictionary<string, (string Sha256, string Sha1)> known)
    {
        _path = path;
        _known = known;
    }

    /// <summary>Entries this run added (and <see cref="Save"/> writes).</summary>
    public int Added => _added;

    /// <summary>The memo at <paramref name="path"/>; empty when there is none or it is damaged.</summary>
    public static FileChecksumMemo Load(string path)
    {
        var known = new ConcurrentDictionary<string, (string Sha256, string Sha1)>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path) && SealedFile.TryOpen(File.ReadAllBytes(path), out var body)
                && Encoding.UTF8.GetString(body) is var text && text.StartsWith(Header, StringComparison.Ordinal))
            {
                foreach (var line in text[Header.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var fields = line.Split('\t');
                    if (fields.Length == 3)
                    {
                        known[fields[0]] = (fields[1], fields[2]);
                    }
                }
            }
        }
        catch (IOException)
        {
            // Unreadable: every checksum is computed again, and the memo rewritten.
        }

        return new FileChecksumMemo(path, known);
    }

    public bool TryGet(string key, out (string Sha256, string Sha1) sums) => _known.TryGetValue(key, out sums);

    public void Add(string key, string sha256, string sha1)
    {
        if (_known.TryAdd(key, (sha256, sha1)))
        {
            Interlocked.Increment(ref _added);
        }
    }

    /// <summary>Writes the memo when this run added to it (sorted, so equal memos are equal files).</summary>
    public void Save()
    {
        if (_added == 0)
        {
            return;
        }

        var text = new StringBuilder(Header);
        foreach (var (key, (sha256, sha1)) in _known.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('\t').Append(sha256).Append('\t').Append(sha1).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        AtomicFile.WriteAllBytes(_path, SealedFile.Seal(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
