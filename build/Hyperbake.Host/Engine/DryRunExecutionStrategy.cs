namespace Hyperbake.Host;

/// <summary>
/// Cake's dry run: numbers the tasks that would run. As in Cake, the build's Setup and Teardown really
/// run (they may validate options) and criteria are evaluated, so skipped tasks are not listed; task
/// setup/teardown, OnError and Finally do nothing.
/// </summary>
internal sealed class DryRunExecutionStrategy(ICakeLog log) : IExecutionStrategy
{
    private int _counter = 1;

    public bool WritesLogFiles => false;

    public void PerformSetup(Action action) => action();

    public void PerformTeardown(Action action) => action();

    public void PerformTaskSetup(Action action)
    {
    }

    public void PerformTaskTeardown(Action action)
    {
    }

    public Task ExecuteAsync(TaskDefinition definition, IFrostingTask task, ICakeContext context)
    {
        log.Information("{0}. {1}", _counter++, definition.Name);
        return Task.CompletedTask;
    }

    public void Skip(TaskDefinition definition, string message)
    {
    }

    public void HandleErrors(Action action)
    {
    }

    public void InvokeFinally(Action action)
    {
    }
}
