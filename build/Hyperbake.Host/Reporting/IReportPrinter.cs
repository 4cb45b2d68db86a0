namespace Hyperbake.Host;

/// <summary>Prints the summary at the end of a run, successful or not.</summary>
internal interface IReportPrinter
{
    void Write(CakeReport report, Verbosity verbosity);
}
