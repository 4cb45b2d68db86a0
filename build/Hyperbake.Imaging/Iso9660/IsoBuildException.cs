namespace Hyperbake.Imaging.Iso9660;

/// <summary>An ISO image that cannot be built as asked; the message names the value and the fix.</summary>
public sealed class IsoBuildException(string message) : Exception(message);
