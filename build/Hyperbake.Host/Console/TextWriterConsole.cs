namespace Hyperbake.Host;

/// <summary>A plain, non-interactive console over writers; with one writer both streams share it.</summary>
public sealed class TextWriterConsole(TextWriter output, TextWriter? error = null) : IHostConsole
{
    public TextWriter Out { get; } = TextWriter.Synchronized(output);

    public TextWriter Error { get; } = error is null ? TextWriter.Synchronized(output) : TextWriter.Synchronized(error);

    public bool IsInteractive => false;

    public bool SupportsAnsi => false;
}
