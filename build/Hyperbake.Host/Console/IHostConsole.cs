namespace Hyperbake.Host;

/// <summary>Where the host writes. Replace it (<c>UseConsole</c>) to capture output in tests.</summary>
public interface IHostConsole
{
    TextWriter Out { get; }

    TextWriter Error { get; }

    /// <summary>An interactive terminal: live progress and the Spectre summary are used.</summary>
    bool IsInteractive { get; }

    /// <summary>Colours may be written as ANSI escape sequences.</summary>
    bool SupportsAnsi { get; }
}
