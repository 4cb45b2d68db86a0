namespace Hyperbake.Toolchains.Debian.Xz;

/// <summary>Bytes that are not a valid .xz stream (or use a filter this decoder does not have).</summary>
public sealed class XzFormatException(string message) : Exception(message);
