namespace Hyperbake.Host;

/// <summary>An error in the build definition or its run, reported to the user as its message alone.</summary>
public class CakeException : Exception
{
    public CakeException()
    {
    }

    public CakeException(string message)
        : base(message)
    {
    }

    public CakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
