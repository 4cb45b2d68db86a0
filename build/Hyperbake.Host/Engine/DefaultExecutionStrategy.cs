namespace Hyperbake.Host;

/// <summary>Runs everything, with Cake's headers: 40 <c>-</c> around Setup/Teardown, 40 <c>=</c> around tasks.</summary>
internal sealed class DefaultExecutionStrategy(ICakeLog log) : IExecutionStrategy
{
    private static readonly string s_taskRule = new('=', 40);
    private static readonly string s_lifecycleRule = new('-', 40);

    public bool WritesLogFiles => true;

    public void PerformSetup(Action action)
    {
        WriteLifecycleHeader("Setup");
        log.Verbose("Executing custom setup action...");
        action();
    }

    public void PerformTeardown(Action action)
    {
        WriteLifecycleHeader("Teardown");
        log.Verbose("Executing custom teardown action...");
        action();
    }

    public void PerformTaskSetup(Action action) => action();

    public void PerformTaskTeardown(Action action) => action();

    public async Task ExecuteAsync(TaskDefinition definition, IFrostingTask task, ICakeContext context)
    {
        log.Information(string.Empty);
        log.Information(s_taskRule);
        log.Information(definition.Name);
        log.Information(s_taskRule);
        log.Verbose("Executing task: {0}", definition.Name);
        if (definition.HasAction)
        {
            await task.RunAsync(context).ConfigureAwait(false);
        }

        log.Verbose("Finished executing task: {0}", definition.Name);
    }

    public void Skip(TaskDefinition definition, string message)
    {
        log.Verbose(string.Empty);
        log.Verbose(s_taskRule);
        log.Verbose(definition.Name);
        log.Verbose(s_taskRule);
        log.Verbose("Skipping task: {0}", string.IsNullOrWhiteSpace(message) ? definition.Name : message);
    }

    public void HandleErrors(Action action) => action();

    public void InvokeFinally(Action action) => action();

    private void WriteLifecycleHeader(string name)
    {
        log.Information(string.Empty);
        log.Information(s_lifecycleRule);
        log.Information(name);
        log.Information(s_lifecycleRule);
    }
}
