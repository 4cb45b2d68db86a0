namespace Hyperbake.Host;

/// <summary>Settings keyed <c>Section_Key</c>, case-insensitive.</summary>
public interface ICakeConfiguration
{
    /// <summary>The value, or null when no layer sets it.</summary>
    string? GetValue(string key);
}
