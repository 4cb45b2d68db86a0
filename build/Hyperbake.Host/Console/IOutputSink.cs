namespace Hyperbake.Host;

/// <summary>The end of the output pipeline: one finished line at a time.</summary>
internal interface IOutputSink
{
    void WriteLine(LogLevel level, string text);
}

/// <summary>Writes to an <see cref="IHostConsole"/>: errors to stderr, colours only where supported.</summary>
internal sealed class ConsoleSink(IHostConsole console) : IOutputSink
{
    public void WriteLine(LogLevel level, string text)
    {
        var writer = level <= LogLevel.Error ? console.Error : console.Out;
        var colour = console.SupportsAnsi ? Ansi.ForLevel(level) : null;
        writer.WriteLine(colour is null ? text : colour + text + Ansi.Reset);
    }
}
