namespace Hyperbake.Host;

/// <summary>One task's console block (see <see cref="OutputCoordinator"/>).</summary>
internal sealed class TaskOutput(OutputCoordinator coordinator, string taskName) : IDisposable
{
    private bool _ended;

    public string TaskName { get; } = taskName;

    internal List<(LogLevel Level, string Text)> Buffer { get; } = [];

    public void WriteLine(LogLevel level, string text) => coordinator.Write(this, level, text);

    public void Dispose()
    {
        if (!_ended)
        {
            _ended = true;
            coordinator.End(this);
        }
    }
}
