namespace Hyperbake.Host;

/// <summary>
/// Keeps each task's output in one contiguous block when tasks run in parallel. The oldest running
/// task owns the console and streams live; the others buffer. When the owner finishes, the blocks of
/// tasks that finished meanwhile are flushed in finishing order, then the next oldest running task
/// takes over (flushing what it buffered). On GitHub Actions every block is a <c>::group::</c>.
/// </summary>
internal sealed class OutputCoordinator(IOutputSink sink, bool githubGroups)
{
    private readonly object _lock = new();
    private readonly List<TaskOutput> _running = [];
    private readonly List<TaskOutput> _finished = [];
    private TaskOutput? _owner;

    public IOutputSink Sink { get; set; } = sink;

    /// <summary>A line outside any task (setup, teardown, engine messages).</summary>
    public void WriteLine(LogLevel level, string text)
    {
        lock (_lock)
        {
            Sink.WriteLine(level, text);
        }
    }

    public TaskOutput Begin(string taskName)
    {
        lock (_lock)
        {
            var output = new TaskOutput(this, taskName);
            _running.Add(output);
            if (_owner is null)
            {
                TakeOver(output);
            }

            return output;
        }
    }

    internal void Write(TaskOutput output, LogLevel level, string text)
    {
        lock (_lock)
        {
            if (ReferenceEquals(output, _owner))
            {
                Sink.WriteLine(level, text);
            }
            else
            {
                output.Buffer.Add((level, text));
            }
        }
    }

    internal void End(TaskOutput output)
    {
        lock (_lock)
        {
            _running.Remove(output);
            if (!ReferenceEquals(output, _owner))
            {
                _finished.Add(output);
                return;
            }

            CloseGroup();
            _owner = null;
            foreach (var done in _finished)
            {
                OpenGroup(done.TaskName);
                Flush(done);
                CloseGroup();
            }

            _finished.Clear();
            if (_running.Count > 0)
            {
                TakeOver(_running[0]);
            }
        }
    }

    private void TakeOver(TaskOutput output)
    {
        _owner = output;
        OpenGroup(output.TaskName);
        Flush(output);
    }

    private void Flush(TaskOutput output)
    {
        foreach (var (level, text) in output.Buffer)
        {
            Sink.WriteLine(level, text);
        }

        output.Buffer.Clear();
    }

    private void OpenGroup(string name)
    {
        if (githubGroups)
        {
            Sink.WriteLine(LogLevel.Information, "::group::" + name);
        }
    }

    private void CloseGroup()
    {
        if (githubGroups)
        {
            Sink.WriteLine(LogLevel.Information, "::endgroup::");
        }
    }
}
