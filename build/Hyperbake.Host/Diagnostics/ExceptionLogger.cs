using System.Reflection;

namespace Hyperbake.Host;

/// <summary>
/// The last word of a failed run: <c>Error: message</c>, then each inner message on its own line
/// (tab-indented); at diagnostic verbosity the whole exception.
/// </summary>
internal static class ExceptionLogger
{
    public static void Log(ICakeLog log, Exception exception)
    {
        exception = Unwrap(exception);
        if (log.Verbosity == Verbosity.Diagnostic)
        {
            log.Error("Error: {0}", exception);
            return;
        }

        log.Error("Error: {0}", exception.Message);
        foreach (var inner in InnerMessages(exception))
        {
            log.Error("\t{0}", inner);
        }
    }

    public static Exception Unwrap(Exception exception)
    {
        while (exception is CakeReportException or TargetInvocationException && exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    private static IEnumerable<string> InnerMessages(Exception exception)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { exception.Message };
        IEnumerable<Exception> inners = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var inner in inners)
        {
            for (var e = inner; e is not null; e = e.InnerException)
            {
                if (seen.Add(e.Message))
                {
                    yield return e.Message;
                }
            }
        }
    }
}
