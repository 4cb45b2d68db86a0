namespace Hyperbake.Cache.Fingerprints;

/// <summary>
/// One named input of a task instance and the hash of its value, kept so a rebuild can say what
/// changed; <paramref name="Shown"/> is the value itself when it is short enough to print.
/// </summary>
public sealed record FingerprintInput(string Kind, string Name, string Hash, string? Shown = null);
