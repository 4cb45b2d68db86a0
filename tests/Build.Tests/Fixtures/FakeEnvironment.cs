using Hyperbake.Host;

namespace Build.Tests.Fixtures;

/// <summary>Environment variables of the test's own and a working directory that leaves the process's alone.</summary>
public sealed class FakeEnvironment(string workingDirectory) : ICakeEnvironment
{
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public string WorkingDirectory { get; set; } = workingDirectory;

    public int ProcessorCount => 2;

    public string? GetEnvironmentVariable(string name) => Variables.GetValueOrDefault(name);

    public IReadOnlyDictionary<string, string> GetEnvironmentVariables() => Variables;
}
