namespace Hyperbake.Imaging.DeviceTree;

/// <summary>A malformed blob, a missing node or property, or a value of the wrong shape.</summary>
public sealed class DeviceTreeException : Exception
{
    public DeviceTreeException(string message)
        : base(message)
    {
    }

    public DeviceTreeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
