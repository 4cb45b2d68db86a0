using System.Text;

namespace Hyperbake.Host;

/// <summary>
/// The task a piece of code runs for, carried through async calls, so that the shared log knows where
/// a line belongs and <see cref="CachedExtensions.ReportCached"/> knows which task to mark.
/// </summary>
internal sealed class TaskScope(TaskOutput output) : IDisposable
{
    private static readonly AsyncLocal<TaskScope?> s_current = new();
    private readonly object _fileLock = new();
    private StreamWriter? _logFile;

    public static TaskScope? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    public string TaskName => Output.TaskName;

    public TaskOutput Output { get; } = output;

    /// <summary>Set when the task reported that its outputs came from the cache.</summary>
    public string? CachedReason { get; set; }

    /// <summary>From now on every line of the task, whatever its verbosity, also goes to <paramref name="path"/>.</summary>
    public void OpenLogFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        lock (_fileLock)
        {
            _logFile?.Dispose();
            _logFile = new StreamWriter(path, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        }
    }

    public void WriteToLogFile(string text)
    {
        lock (_fileLock)
        {
            _logFile?.WriteLine(text);
        }
    }

    public void Dispose()
    {
        lock (_fileLock)
        {
            _logFile?.Dispose();
            _logFile = null;
        }

        Output.Dispose();
    }
}
