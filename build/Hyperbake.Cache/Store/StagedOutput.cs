namespace Hyperbake.Cache.Store;

/// <summary>
/// An output copied into the store's temp folder, waiting for <see cref="ContentStore.Commit"/>: its
/// name, the copy, size, mode, the copy's stored digest, and the SHA-256 of its content (the blob's
/// name), which may still be being computed.
/// </summary>
public sealed record StagedOutput(string Name, string Temp, long Size, int Mode, string StoredDigest, Task<string> Sha256);
