namespace Hyperbake.Host;

/// <summary>How a task ended. Executed and Delegated both read "Succeeded" in the summary.</summary>
public enum CakeTaskExecutionStatus
{
    Executed,
    Delegated,
    Skipped,
    Failed,

    /// <summary>The task's outputs came from a cache (<see cref="CachedExtensions.ReportCached"/>).</summary>
    Cached,
}
