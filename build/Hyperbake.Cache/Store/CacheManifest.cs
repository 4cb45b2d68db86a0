using Hyperbake.Cache.Fingerprints;

namespace Hyperbake.Cache.Store;

/// <summary>What a cache entry holds: the task instance, its outputs by name and content hash, and the inputs that made them.</summary>
public sealed record CacheManifest(string Key, string Instance, IReadOnlyList<CachedOutput> Outputs, IReadOnlyList<FingerprintInput> Inputs);

/// <summary>
/// One output file: its name relative to the task's output folder, size, content hash (SHA-256,
/// which names the blob), permission bits, and the blob's <see cref="Files.SparseCopy.StoredDigest"/>,
/// checked on every restore so damaged bytes are never served.
/// </summary>
public sealed record CachedOutput(string Name, long Size, string Sha256, int Mode, string StoredDigest);
