namespace Hyperbake.Host;

/// <summary>The command-line switches the host does not handle itself (plus <c>target</c>).</summary>
public interface ICakeArguments
{
    bool HasArgument(string name);

    /// <summary>Every value given for <paramref name="name"/>, in command-line order.</summary>
    IReadOnlyList<string> GetArguments(string name);

    IReadOnlyDictionary<string, IReadOnlyList<string>> GetArguments();
}
