namespace Hyperbake.Host;

/// <summary>What every task, lifetime and build context sees of the running host.</summary>
public interface ICakeContext
{
    ICakeArguments Arguments { get; }

    ICakeConfiguration Configuration { get; }

    ICakeLog Log { get; }

    ICakeEnvironment Environment { get; }
}
