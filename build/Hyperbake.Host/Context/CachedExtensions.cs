namespace Hyperbake.Host;

public static class CachedExtensions
{
    /// <summary>
    /// Marks the running task as satisfied from a cache: the summary shows it as Cached with
    /// <paramref name="reason"/> instead of Succeeded.
    /// </summary>
    public static void ReportCached(this ICakeContext context, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = TaskScope.Current
            ?? throw new InvalidOperationException("ReportCached can only be called while a task runs.");
        scope.CachedReason = reason;
    }

    /// <summary>
    /// Takes back <see cref="ReportCached"/>: part of the task's work ran after all (a task made of
    /// several cached steps is Cached only when none of them ran).
    /// </summary>
    public static void ReportRan(this ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (TaskScope.Current is { } scope)
        {
            scope.CachedReason = null;
        }
    }
}
