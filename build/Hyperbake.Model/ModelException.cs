namespace Hyperbake.Model;

/// <summary>
/// A problem in a layer, recipe or knob, reported before any work: the message names the file
/// and line, the value, and what to do about it.
/// </summary>
public sealed class ModelException(string message) : Exception(message)
{
    public static ModelException At(SourceMark mark, string message) => new($"{mark}: {message}");
}
