using System.Globalization;

namespace Hyperbake.Host;

/// <summary>What both summary printers show: delegating tasks only at verbose, "-" for skipped durations.</summary>
internal static class ReportRows
{
    public const string ReasonHeader = "Skip Reason";

    public static IReadOnlyList<CakeReportEntry> Visible(CakeReport report, Verbosity verbosity) =>
        report.Where(e => e.ExecutionStatus != CakeTaskExecutionStatus.Delegated || verbosity >= Verbosity.Verbose).ToList();

    public static bool HasReasons(IEnumerable<CakeReportEntry> entries) => entries.Any(e => !string.IsNullOrEmpty(e.Reason));

    public static string Duration(CakeReportEntry entry) =>
        entry.ExecutionStatus == CakeTaskExecutionStatus.Skipped ? "-" : FormatTime(entry.Duration);

    public static string FormatTime(TimeSpan time) => time.ToString("c", CultureInfo.InvariantCulture);
}
