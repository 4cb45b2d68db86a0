using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hyperbake.Model.Platforms;

/// <summary>A parser that remembers where the last good event ended, for errors that carry no position.</summary>
internal sealed class MarkTrackingParser(IParser inner) : IParser
{
    public Mark LastMark { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (inner.Current is { } current)
        {
            LastMark = current.End;
        }

        return inner.MoveNext();
    }
}
