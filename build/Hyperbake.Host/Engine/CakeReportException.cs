namespace Hyperbake.Host;

/// <summary>A failed run: carries the report so far, which the host prints before the error.</summary>
public sealed class CakeReportException : CakeException
{
    public CakeReportException()
        : this(new CakeReport(), "The build failed.", new CakeException("The build failed."))
    {
    }

    public CakeReportException(string message)
        : this(new CakeReport(), message, new CakeException(message))
    {
    }

    public CakeReportException(string message, Exception innerException)
        : this(new CakeReport(), message, innerException)
    {
    }

    public CakeReportException(CakeReport report, string message, Exception innerException)
        : base(message, innerException)
    {
        Report = report;
    }

    public CakeReport Report { get; }
}
