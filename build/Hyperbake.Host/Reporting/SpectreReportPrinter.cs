using Spectre.Console;

namespace Hyperbake.Host;

/// <summary>The terminal summary: a green SimpleHeavy table, 100 wide, footer "Total:".</summary>
internal sealed class SpectreReportPrinter : IReportPrinter
{
    public void Write(CakeReport report, Verbosity verbosity)
    {
        var entries = ReportRows.Visible(report, verbosity);
        var reasons = ReportRows.HasReasons(entries);
        var table = new Table().Border(TableBorder.SimpleHeavy).BorderColor(Color.Green);
        table.Width = 100;
        table.AddColumn(new TableColumn("Task").Footer("Total:"));
        table.AddColumn(new TableColumn("Duration").Footer(ReportRows.FormatTime(report.TotalDuration)));
        table.AddColumn(new TableColumn("Status"));
        if (reasons)
        {
            table.AddColumn(new TableColumn(ReportRows.ReasonHeader));
        }

        foreach (var entry in entries)
        {
            var colour = entry.Category != CakeReportEntryCategory.Task ? "cyan" : entry.ExecutionStatus switch
            {
                CakeTaskExecutionStatus.Failed => "red",
                CakeTaskExecutionStatus.Executed => "green",
                CakeTaskExecutionStatus.Cached => "blue",
                _ => "grey",
            };
            var cells = new List<string>
            {
                $"[{colour}]{Markup.Escape(entry.TaskName)}[/]",
                $"[{colour}]{ReportRows.Duration(entry)}[/]",
                $"[{colour}]{entry.StatusText}[/]",
            };
            if (reasons)
            {
                cells.Add($"[{colour}]{Markup.Escape(entry.Reason)}[/]");
            }

            table.AddRow(cells.ToArray());
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(table);
    }
}
