namespace Hyperbake.Host;

/// <summary>The kind of a log line; decides its colour and stream (errors go to stderr).</summary>
public enum LogLevel
{
    Fatal = 0,
    Error = 1,
    Warning = 2,
    Information = 3,
    Verbose = 4,
    Debug = 5,
}
