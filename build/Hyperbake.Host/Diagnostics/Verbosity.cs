namespace Hyperbake.Host;

/// <summary>How much the host writes; <c>--verbosity</c> accepts the names and their first letters.</summary>
public enum Verbosity
{
    Quiet = 0,
    Minimal = 1,
    Normal = 2,
    Verbose = 3,
    Diagnostic = 4,
}
