namespace Hyperbake.Host;

/// <summary>The process environment as the host and tasks see it (replaceable in tests).</summary>
public interface ICakeEnvironment
{
    /// <summary>Absolute path of the working directory.</summary>
    string WorkingDirectory { get; set; }

    int ProcessorCount { get; }

    string? GetEnvironmentVariable(string name);

    IReadOnlyDictionary<string, string> GetEnvironmentVariables();
}
