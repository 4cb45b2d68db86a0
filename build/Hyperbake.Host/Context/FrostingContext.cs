namespace Hyperbake.Host;

/// <summary>
/// The base of a build's own context (<c>UseContext&lt;T&gt;</c>). Its constructor receives the host's
/// <see cref="ICakeContext"/>; derived contexts read their options there.
/// </summary>
public class FrostingContext : ICakeContext
{
    public FrostingContext(ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Arguments = context.Arguments;
        Configuration = context.Configuration;
        Log = context.Log;
        Environment = context.Environment;
    }

    public ICakeArguments Arguments { get; }

    public ICakeConfiguration Configuration { get; }

    public ICakeLog Log { get; }

    public ICakeEnvironment Environment { get; }

    /// <summary>The working directory (<c>--working</c> or <c>UseWorkingDirectory</c>), absolute.</summary>
    public string WorkingDirectory => Environment.WorkingDirectory;
}
