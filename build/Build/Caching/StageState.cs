using Hyperbake.Cache.Fingerprints;

namespace Build.Caching;

/// <summary>
/// What the last run of a task instance left in dist/: the cache key it was built from, the
/// outputs with the size and mtime they had, and its inputs (for <c>--explain</c>).
/// </summary>
public sealed record StageState(string Key, IReadOnlyList<StageOutputStamp> Outputs, IReadOnlyList<FingerprintInput> Inputs);

public sealed record StageOutputStamp(string Name, long Size, long MtimeTicks);
