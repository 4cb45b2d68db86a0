using System.Text.RegularExpressions;

namespace Hyperbake.Toolchains.DeviceTree;

/// <summary>
/// Finds the first error in cpp's and dtc's output and names it by the user's file and line:
/// cpp says <c>file:12:3: error: …</c>, dtc says <c>Error: file:12.3-4 …</c>; container paths are
/// mapped back to host paths, and a line of the preprocessed file back through its line markers.
/// </summary>
public static partial class DeviceTreeDiagnostics
{
    public static (string File, int Line, string Detail)? FindError(
        IEnumerable<string> output,
        Func<string, string> toHostPath,
        string preprocessedContainerPath,
        Func<LineMarkers?> markers)
    {
        foreach (var line in output)
        {
            var cpp = CppError().Match(line);
            var dtc = cpp.Success ? Match.Empty : DtcError().Match(line);
            var m = cpp.Success ? cpp : dtc;
            if (!m.Success)
            {
                continue;
            }

            var file = m.Groups["file"].Value;
            var number = int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var detail = m.Groups["detail"].Value.Trim().TrimStart(':').Trim();
            if (file == preprocessedContainerPath && markers() is { } map && map.Map(number) is { } original)
            {
                (file, number) = original;
            }

            return (toHostPath(file), number, (cpp.Success ? "" : "dtc: ") + detail);
        }

        return null;
    }

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+):(?:\d+:)?\s*(?:fatal )?error:(?<detail>.*)$")]
    private static partial Regex CppError();

    [GeneratedRegex(@"^(?:Error|ERROR): (?<file>[^:\s][^:]*):(?<line>\d+)(?:\.\d+)?(?:-[\d.]+)?(?<detail>.*)$")]
    private static partial Regex DtcError();
}
