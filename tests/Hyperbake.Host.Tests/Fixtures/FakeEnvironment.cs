using Hyperbake.Host;

namespace Hyperbake.Host.Tests.Fixtures;

/// <summary>An environment of the test's own: variables in a dictionary, a working directory that never touches the process's.</summary>
public sealed class FakeEnvironment(string workingDirectory) : ICakeEnvironment
{
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public string WorkingDirectory { get; set; } = workingDirectory;

    public int ProcessorCount { get; set; } = 4;

    public string? GetEnvironmentVariable(string name) => Variables.GetValueOrDefault(name);

    public IReadOnlyDictionary<string, string> GetEnvironmentVariables() => Variables;
}
