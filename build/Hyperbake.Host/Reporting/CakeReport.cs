using System.Collections;

namespace Hyperbake.Host;

/// <summary>The rows of the summary in the order tasks finished; safe to add to from parallel tasks.</summary>
public sealed class CakeReport : IReadOnlyList<CakeReportEntry>
{
    private readonly object _lock = new();
    private readonly List<CakeReportEntry> _entries = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public CakeReportEntry this[int index]
    {
        get
        {
            lock (_lock)
            {
                return _entries[index];
            }
        }
    }

    /// <summary>The sum of the row durations (Setup and Teardown included), as Cake computes it.</summary>
    public TimeSpan TotalDuration => this.Aggregate(TimeSpan.Zero, (sum, e) => sum + e.Duration);

    public void Add(CakeReportEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    public void Add(string taskName, CakeReportEntryCategory category, TimeSpan duration, CakeTaskExecutionStatus status = CakeTaskExecutionStatus.Executed) =>
        Add(new CakeReportEntry(taskName, category, duration, status));

    public void AddSkipped(string taskName, string message) =>
        Add(new CakeReportEntry(taskName, CakeReportEntryCategory.Task, TimeSpan.Zero, CakeTaskExecutionStatus.Skipped, message));

    public void AddFailed(string taskName, TimeSpan duration) =>
        Add(new CakeReportEntry(taskName, CakeReportEntryCategory.Task, duration, CakeTaskExecutionStatus.Failed));

    public void AddDelegated(string taskName, TimeSpan duration) =>
        Add(new CakeReportEntry(taskName, CakeReportEntryCategory.Task, duration, CakeTaskExecutionStatus.Delegated));

    public void AddCached(string taskName, TimeSpan duration, string reason) =>
        Add(new CakeReportEntry(taskName, CakeReportEntryCategory.Task, duration, CakeTaskExecutionStatus.Cached, reason));

    public IEnumerator<CakeReportEntry> GetEnumerator()
    {
        lock (_lock)
        {
            return _entries.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
