namespace Hyperbake.Host;

/// <summary>The few ANSI colours the plain printers use on a terminal.</summary>
internal static class Ansi
{
    public const string Reset = "\u001b[0m";
    public const string Red = "\u001b[31m";
    public const string Green = "\u001b[32m";
    public const string Yellow = "\u001b[33m";
    public const string Cyan = "\u001b[36m";
    public const string Gray = "\u001b[90m";

    public static string Paint(bool enabled, string colour, string text) => enabled ? colour + text + Reset : text;

    public static string? ForLevel(LogLevel level) => level switch
    {
        LogLevel.Fatal or LogLevel.Error => Red,
        LogLevel.Warning => Yellow,
        LogLevel.Verbose or LogLevel.Debug => Gray,
        _ => null,
    };
}
