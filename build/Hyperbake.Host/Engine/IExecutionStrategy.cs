namespace Hyperbake.Host;

/// <summary>What running a task means: really (<see cref="DefaultExecutionStrategy"/>) or on paper (<see cref="DryRunExecutionStrategy"/>).</summary>
internal interface IExecutionStrategy
{
    /// <summary>Whether executed tasks get a log file.</summary>
    bool WritesLogFiles { get; }

    void PerformSetup(Action action);

    void PerformTeardown(Action action);

    void PerformTaskSetup(Action action);

    void PerformTaskTeardown(Action action);

    Task ExecuteAsync(TaskDefinition definition, IFrostingTask task, ICakeContext context);

    void Skip(TaskDefinition definition, string message);

    void HandleErrors(Action action);

    void InvokeFinally(Action action);
}
