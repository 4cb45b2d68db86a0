using System.Text.RegularExpressions;

namespace Hyperbake.Toolchains.DeviceTree;

/// <summary>
/// Maps a line of preprocessed output back to the file and line it came from, following the
/// C preprocessor's line markers (<c># 12 "board.dtsi" 1</c>).
/// </summary>
public sealed partial class LineMarkers
{
    private readonly List<(int PreprocessedLine, string File, int Line)> marks = [];

    public static LineMarkers Parse(IEnumerable<string> preprocessedLines)
    {
        var markers = new LineMarkers();
        var number = 0;
        foreach (var line in preprocessedLines)
        {
            number++;
            var m = Marker().Match(line);
            if (m.Success)
            {
                // The marker names the line of the *next* preprocessed line.
                markers.marks.Add((number + 1, m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return markers;
    }

    /// <summary>The original (file, line) of a 1-based line of the preprocessed file; null before the first marker.</summary>
    public (string File, int Line)? Map(int preprocessedLine)
    {
        (int PreprocessedLine, string File, int Line)? best = null;
        foreach (var mark in marks)
        {
            if (mark.PreprocessedLine > preprocessedLine)
            {
                break;
            }

            best = mark;
        }

        return best is { } b ? (b.File, b.Line + (preprocessedLine - b.PreprocessedLine)) : null;
    }

    [GeneratedRegex("""^#(?:line)?\s+(?<line>\d+)\s+"(?<file>(?:[^"\\]|\\.)*)"(?:\s+\d+)*\s*$""")]
    private static partial Regex Marker();
}
