using System.Security.Cryptography;
using System.Text;

namespace Hyperbake.Cache.Fingerprints;

/// <summary>
/// Everything a task instance reads, hashed into one key: recipe values, files, knobs, toolchain
/// image ids, tool versions, SOURCE_DATE_EPOCH and the hashes of upstream artefacts. The inputs
/// are kept by name so <c>--explain</c> can say which one changed.
/// </summary>
public sealed class Fingerprint(string instance, FileHashCache files)
{
    private readonly SortedDictionary<string, FingerprintInput> _inputs = new(StringComparer.Ordinal);

    /// <summary>The task instance: stage x recipe x knobs, e.g. <c>RootfsImage/live/amd64</c>.</summary>
    public string Instance { get; } = instance;

    public IReadOnlyCollection<FingerprintInput> Inputs => _inputs.Values;

    public Fingerprint Value(string name, string value) => Add("value", name, HashText(value), Printable(value));

    public Fingerprint Knob(string name, string value) => Add("knob", name, HashText(value), Printable(value));

    public Fingerprint File(string path, string? displayName = null) => Add("file", displayName ?? path, files.Hash(path));

    /// <summary>A large, mostly sparse file (a disk image) by its stored digest: its data, not its size, is read.</summary>
    public Fingerprint SparseFile(string path, string? displayName = null) => Add("file", displayName ?? path, "digest:" + files.Digest(path));

    /// <summary>Every file under a folder, by relative path (names, modes and bytes).</summary>
    public Fingerprint Directory(string path, string displayName)
    {
        if (!System.IO.Directory.Exists(path))
        {
            return Add("file", displayName + "/", HashText("<missing>"));
        }

        foreach (var f in System.IO.Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(path, f).Replace('\\', '/');
            var mode = OperatingSystem.IsWindows() ? "" : Convert.ToString((int)System.IO.File.GetUnixFileMode(f), 8);
            Add("file", displayName + "/" + rel, HashText(mode + ":" + files.Hash(f)));
        }

        return this;
    }

    /// <summary>The hash of an artefact another task produced (its cache key or content hash).</summary>
    public Fingerprint Upstream(string name, string hash) => Add("upstream", name, hash);

    public Fingerprint Add(string kind, string name, string hash, string? shown = null)
    {
        _inputs[kind + ":" + name] = new FingerprintInput(kind, name, hash, shown);
        return this;
    }

    /// <summary>The cache key: SHA-256 over the instance name and every input, in a fixed order.</summary>
    public string Key()
    {
        var sb = new StringBuilder().Append("hyperbake-cache-v1\n").Append(Instance).Append('\n');
        foreach (var input in _inputs.Values)
        {
            sb.Append(input.Kind).Append('\0').Append(input.Name).Append('\0').Append(input.Hash).Append('\n');
        }

        return HashText(sb.ToString());
    }

    /// <summary>Short one-line values are kept as they are, so <c>--explain</c> can show old and new.</summary>
    private static string? Printable(string value) =>
        value.Length <= 64 && !value.Any(char.IsControl) ? value : null;

    public static string HashText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
