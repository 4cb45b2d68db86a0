using Hyperbake.Cache.Fingerprints;

namespace Build.Caching;

/// <summary>
/// What the last run of a task instance left in dist/: the cache key it was built from, the
/// outputs with the size and mtime they had, its inputs (for <c>--explain</c>) and the folder the
/// outputs went to (the live-update fast path finds the last live image there).
/// </summary>
public sealed record StageState(string Key, IReadOnlyList<StageOutputStamp> Outputs, IReadOnlyList<FingerprintInput> Inputs, string? Directory = null);

/// <summary>An output as it was left: size and mtime (a changed stat means it was touched), and its SHA-256 when known.</summary>
public sealed record StageOutputStamp(string Name, long Size, long MtimeTicks, string? Sha256 = null);
