namespace Hyperbake.Model.Platforms;

/// <summary>A platform file that cannot be used; the message names the file, the line and the fix.</summary>
public sealed class PlatformException : Exception
{
    public PlatformException()
    {
    }

    public PlatformException(string message)
        : base(message)
    {
    }

    public PlatformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
