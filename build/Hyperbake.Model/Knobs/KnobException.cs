namespace Hyperbake.Model.Knobs;

/// <summary>A knob value that is unknown or does not fit the platform; the message says what to use.</summary>
public sealed class KnobException : Exception
{
    public KnobException()
    {
    }

    public KnobException(string message)
        : base(message)
    {
    }

    public KnobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
