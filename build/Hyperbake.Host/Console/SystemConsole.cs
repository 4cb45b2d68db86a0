namespace Hyperbake.Host;

/// <summary>
/// The process console. Interactive only on a real terminal outside CI (<c>CI=true</c> or a redirected
/// stdout give plain line output).
/// </summary>
public sealed class SystemConsole : IHostConsole
{
    public SystemConsole(ICakeEnvironment environment)
    {
        var ci = string.Equals(environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || environment.GetEnvironmentVariable("GITHUB_ACTIONS") is not null;
        var term = environment.GetEnvironmentVariable("TERM");
        var terminal = !Console.IsOutputRedirected && term is not null && term != "dumb";
        IsInteractive = terminal && !ci;
        SupportsAnsi = terminal && environment.GetEnvironmentVariable("NO_COLOR") is null;
    }

    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public bool IsInteractive { get; }

    public bool SupportsAnsi { get; }
}
