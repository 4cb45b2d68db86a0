namespace Hyperbake.Imaging.Disks;

/// <summary>A layout that cannot be built; the message names the partition, the values and the fix.</summary>
public sealed class DiskLayoutException(string message) : Exception(message);
