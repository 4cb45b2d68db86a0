using System.Globalization;

namespace Hyperbake.Host;

/// <summary>
/// Routes log lines to the running task's output block and log file (found through
/// <see cref="TaskScope.Current"/>), or straight to the console outside tasks.
/// </summary>
internal sealed class HostLog(OutputCoordinator output) : ICakeLog
{
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object?[] args)
    {
        var text = args is null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
        var scope = TaskScope.Current;
        scope?.WriteToLogFile(text);
        if (verbosity > Verbosity)
        {
            return;
        }

        if (scope is not null)
        {
            scope.Output.WriteLine(level, text);
        }
        else
        {
            output.WriteLine(level, text);
        }
    }
}
