namespace Hyperbake.Host;

/// <summary>One summary row. <see cref="Reason"/> is the skip message or the cache explanation.</summary>
public sealed record CakeReportEntry(
    string TaskName,
    CakeReportEntryCategory Category,
    TimeSpan Duration,
    CakeTaskExecutionStatus ExecutionStatus,
    string Reason = "")
{
    /// <summary>The word shown in the Status column.</summary>
    public string StatusText => ExecutionStatus switch
    {
        CakeTaskExecutionStatus.Executed or CakeTaskExecutionStatus.Delegated => "Succeeded",
        CakeTaskExecutionStatus.Skipped => "Skipped",
        CakeTaskExecutionStatus.Failed => "Failed",
        CakeTaskExecutionStatus.Cached => "Cached",
        _ => ExecutionStatus.ToString(),
    };
}
