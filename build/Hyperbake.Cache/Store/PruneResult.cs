namespace Hyperbake.Cache.Store;

/// <summary>What a prune did: entries evicted, blob bytes removed, and the bytes still held (-1 when another prune was running).</summary>
public sealed record PruneResult(int EntriesEvicted, long BytesRemoved, long BytesHeld);
