using Spectre.Console;

namespace Hyperbake.Host;

/// <summary>
/// Live progress on a terminal: a spinner and the elapsed time for each running task below the log.
/// Only this type and <see cref="SpectreSink"/> touch Spectre.Console during a run, so plain runs and
/// the quick commands never load it.
/// </summary>
internal sealed class SpectreRunDisplay : IRunDisplay
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.OrdinalIgnoreCase);
    private ProgressContext? _context;

    public async Task<T> RunAsync<T>(Func<Task<T>> body)
    {
        var progress = AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn());
        return await progress.StartAsync(async context =>
        {
            lock (_lock)
            {
                _context = context;
            }

            try
            {
                return await body().ConfigureAwait(false);
            }
            finally
            {
                lock (_lock)
                {
                    _context = null;
                }
            }
        }).ConfigureAwait(false);
    }

    public void TaskStarted(string name)
    {
        lock (_lock)
        {
            if (_context is null)
            {
                return;
            }

            var task = _context.AddTask(Markup.Escape(name), autoStart: true, maxValue: 1);
            task.IsIndeterminate = true;
            _tasks[name] = task;
        }
    }

    public void TaskFinished(string name)
    {
        lock (_lock)
        {
            if (_tasks.Remove(name, out var task))
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }
}

/// <summary>Log lines through Spectre's console, so they scroll above the live progress.</summary>
internal sealed class SpectreSink : IOutputSink
{
    public void WriteLine(LogLevel level, string text)
    {
        var style = level switch
        {
            LogLevel.Fatal or LogLevel.Error => new Style(Color.Red),
            LogLevel.Warning => new Style(Color.Yellow),
            LogLevel.Verbose or LogLevel.Debug => new Style(Color.Grey),
            _ => Style.Plain,
        };
        AnsiConsole.Console.Write(new Text(text + Environment.NewLine, style));
    }
}
