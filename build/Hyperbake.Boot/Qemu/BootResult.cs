namespace Hyperbake.Boot.Qemu;

/// <summary>What a headless boot saw: whether every marker appeared, when, and the serial log.</summary>
public sealed record BootResult(bool Succeeded, IReadOnlyDictionary<string, TimeSpan> MarkersSeen, IReadOnlyList<string> MissingMarkers, string SerialLogPath, TimeSpan Elapsed);
