namespace Hyperbake.Host;

/// <summary>The context the host builds from the command line, configuration and environment.</summary>
internal sealed class HostContext(ICakeArguments arguments, ICakeConfiguration configuration, ICakeLog log, ICakeEnvironment environment) : ICakeContext
{
    public ICakeArguments Arguments { get; } = arguments;

    public ICakeConfiguration Configuration { get; } = configuration;

    public ICakeLog Log { get; } = log;

    public ICakeEnvironment Environment { get; } = environment;
}
