namespace Hyperbake.Host;

public enum CakeReportEntryCategory
{
    Task,
    Setup,
    Teardown,
}
