namespace Hyperbake.Host;

// Marker records the fluent Use* methods put into the service collection; the host reads them back.
internal sealed record ContextRegistration(Type Type);

internal sealed record TaskRegistration(Type Type);

internal sealed record CakeSettingRegistration(string Key, string Value);

internal sealed record WorkingDirectoryRegistration(string Path);

internal sealed record TaskLogDirectoryRegistration(Func<ICakeContext, string?> Resolve);

/// <summary>Holds the context built from the command line so that services created later can take it.</summary>
internal sealed class HostRuntime
{
    public HostContext? Context { get; set; }
}
