namespace Hyperbake.Host;

/// <summary>
/// The build log. A line is shown when its verbosity is at most <see cref="Verbosity"/>; lines written
/// while a task runs also go to that task's log file, whatever their verbosity.
/// </summary>
public interface ICakeLog
{
    Verbosity Verbosity { get; set; }

    /// <summary>Writes one message; with no <paramref name="args"/> the format is written verbatim.</summary>
    void Write(Verbosity verbosity, LogLevel level, string format, params object?[] args);
}
