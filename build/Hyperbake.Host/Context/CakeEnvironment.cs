using System.Collections;

namespace Hyperbake.Host;

/// <summary>The real process environment; setting the working directory changes the process's.</summary>
public sealed class CakeEnvironment : ICakeEnvironment
{
    public string WorkingDirectory
    {
        get => Directory.GetCurrentDirectory();
        set => Directory.SetCurrentDirectory(value);
    }

    public int ProcessorCount => Environment.ProcessorCount;

    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

    public IReadOnlyDictionary<string, string> GetEnvironmentVariables()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return result;
    }
}
