namespace Hyperbake.Host;

/// <summary>Cake's log helpers: each level has a fixed verbosity (errors show even at quiet).</summary>
public static class LogExtensions
{
    public static void Error(this ICakeLog log, string format, params object?[] args) =>
        log.Write(Verbosity.Quiet, LogLevel.Error, format, args);

    public static void Warning(this ICakeLog log, string format, params object?[] args) =>
        log.Write(Verbosity.Minimal, LogLevel.Warning, format, args);

    public static void Information(this ICakeLog log, string format, params object?[] args) =>
        log.Write(Verbosity.Normal, LogLevel.Information, format, args);

    public static void Verbose(this ICakeLog log, string format, params object?[] args) =>
        log.Write(Verbosity.Verbose, LogLevel.Verbose, format, args);

    public static void Debug(this ICakeLog log, string format, params object?[] args) =>
        log.Write(Verbosity.Diagnostic, LogLevel.Debug, format, args);
}
