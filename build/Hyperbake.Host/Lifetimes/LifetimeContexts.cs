namespace Hyperbake.Host;

/// <summary>Passed to the build's Setup: the first target and every task scheduled for it.</summary>
public interface ISetupContext
{
    ICakeTaskInfo TargetTask { get; }

    IReadOnlyCollection<ICakeTaskInfo> TasksToExecute { get; }
}

/// <summary>Passed to the build's Teardown, which always runs.</summary>
public interface ITeardownContext
{
    bool Successful { get; }

    Exception? ThrownException { get; }
}

/// <summary>Passed to the per-task setup.</summary>
public interface ITaskSetupContext
{
    ICakeTaskInfo Task { get; }
}

/// <summary>Passed to the per-task teardown, which runs for executed and skipped tasks alike.</summary>
public interface ITaskTeardownContext
{
    ICakeTaskInfo Task { get; }

    TimeSpan Duration { get; }

    bool Skipped { get; }

    bool Successful { get; }

    Exception? ThrownException { get; }
}

internal sealed record SetupContext(ICakeTaskInfo TargetTask, IReadOnlyCollection<ICakeTaskInfo> TasksToExecute) : ISetupContext;

internal sealed record TeardownContext(Exception? ThrownException) : ITeardownContext
{
    public bool Successful => ThrownException is null;
}

internal sealed record TaskSetupContext(ICakeTaskInfo Task) : ITaskSetupContext;

internal sealed record TaskTeardownContext(ICakeTaskInfo Task, TimeSpan Duration, bool Skipped, Exception? ThrownException) : ITaskTeardownContext
{
    public bool Successful => ThrownException is null;
}
