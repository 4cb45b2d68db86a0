namespace Hyperbake.Host;

/// <summary>Shows which tasks are running while a build runs.</summary>
internal interface IRunDisplay
{
    Task<T> RunAsync<T>(Func<Task<T>> body);

    void TaskStarted(string name);

    void TaskFinished(string name);
}

/// <summary>Plain line output: nothing beyond the log itself.</summary>
internal sealed class PlainRunDisplay : IRunDisplay
{
    public Task<T> RunAsync<T>(Func<Task<T>> body) => body();

    public void TaskStarted(string name)
    {
    }

    public void TaskFinished(string name)
    {
    }
}
