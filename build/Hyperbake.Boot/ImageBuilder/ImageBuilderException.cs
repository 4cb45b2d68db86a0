namespace Hyperbake.Boot.ImageBuilder;

/// <summary>
/// A configuration ImageBuilder rejects (or would silently mis-handle). The message names the
/// variable, the value and what to change; nothing has been written when it is thrown.
/// </summary>
public sealed class ImageBuilderException : Exception
{
    public ImageBuilderException(string message)
        : base(message)
    {
    }

    public ImageBuilderException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
