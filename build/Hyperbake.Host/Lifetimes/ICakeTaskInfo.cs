namespace Hyperbake.Host;

/// <summary>What setup and teardown actions may know about a task.</summary>
public interface ICakeTaskInfo
{
    string Name { get; }

    string Description { get; }

    /// <summary>The tasks this one depends on, in declaration order.</summary>
    IReadOnlyList<string> Dependencies { get; }

    /// <summary>The tasks this one declared itself a dependency of (<see cref="IsDependeeOfAttribute"/>).</summary>
    IReadOnlyList<string> Dependees { get; }
}
