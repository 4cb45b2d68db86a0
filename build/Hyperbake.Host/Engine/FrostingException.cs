namespace Hyperbake.Host;

/// <summary>An error in how the host is set up (tasks, working directory, command line).</summary>
public sealed class FrostingException : CakeException
{
    public FrostingException()
    {
    }

    public FrostingException(string message)
        : base(message)
    {
    }

    public FrostingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
