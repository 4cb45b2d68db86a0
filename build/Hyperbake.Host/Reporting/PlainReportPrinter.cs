using System.Globalization;

namespace Hyperbake.Host;

/// <summary>
/// Cake's text summary: a Task column of width max(29, longest name)+1, Duration and Status of 20,
/// a Skip Reason column when any row has a reason, dashed rules, and the sum of the row durations.
/// </summary>
internal sealed class PlainReportPrinter(IHostConsole console) : IReportPrinter
{
    private const int TaskColumnMinWidth = 29;
    private const int DurationColumnWidth = 20;
    private const int StatusColumnWidth = 20;

    public void Write(CakeReport report, Verbosity verbosity)
    {
        foreach (var (colour, line) in Render(report, verbosity))
        {
            console.Out.WriteLine(colour is null || !console.SupportsAnsi ? line : colour + line + Ansi.Reset);
        }
    }

    public static IEnumerable<(string? Colour, string Line)> Render(CakeReport report, Verbosity verbosity)
    {
        var entries = ReportRows.Visible(report, verbosity);
        var reasons = ReportRows.HasReasons(entries);
        var taskWidth = Math.Max(TaskColumnMinWidth, entries.Select(e => e.TaskName.Length).DefaultIfEmpty(0).Max()) + 1;
        var ruleWidth = taskWidth + DurationColumnWidth + StatusColumnWidth;
        if (reasons)
        {
            ruleWidth += Math.Max(ReportRows.ReasonHeader.Length, entries.Max(e => e.Reason.Length));
        }

        var rule = new string('-', ruleWidth);
        string Row(string task, string duration, string status, string reason) =>
            string.Format(CultureInfo.InvariantCulture, "{0,-" + taskWidth + "}{1,-" + DurationColumnWidth + "}{2,-" + StatusColumnWidth + "}{3}", task, duration, status, reasons ? reason : string.Empty).TrimEnd();

        yield return (null, string.Empty);
        yield return (Ansi.Green, Row("Task", "Duration", "Status", ReportRows.ReasonHeader));
        yield return (Ansi.Green, rule);
        foreach (var entry in entries)
        {
            yield return (Colour(entry), Row(entry.TaskName, ReportRows.Duration(entry), entry.StatusText, entry.Reason));
        }

        yield return (Ansi.Green, rule);
        yield return (Ansi.Green, Row("Total:", ReportRows.FormatTime(report.TotalDuration), string.Empty, string.Empty));
    }

    private static string Colour(CakeReportEntry entry)
    {
        if (entry.Category != CakeReportEntryCategory.Task)
        {
            return Ansi.Cyan;
        }

        return entry.ExecutionStatus switch
        {
            CakeTaskExecutionStatus.Failed => Ansi.Red,
            CakeTaskExecutionStatus.Executed => Ansi.Green,
            _ => Ansi.Gray,
        };
    }
}
