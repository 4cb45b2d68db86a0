namespace Hyperbake.Cache.Store;

/// <summary>An output copied into the store's temp folder, waiting for <see cref="ContentStore.Commit"/>: its name, the copy, size, mode and the copy's stored digest.</summary>
public sealed record StagedOutput(string Name, string Temp, long Size, int Mode, string StoredDigest);
