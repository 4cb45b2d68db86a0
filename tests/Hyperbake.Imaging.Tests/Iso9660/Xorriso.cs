using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>Runs xorriso and fails on any complaint it prints while loading or reading an image.</summary>
internal static class Xorriso
{
    private static readonly string[] Complaints = ["WARNING", "SORRY", "FAILURE", "FATAL", "MISHAP"];

    public static ToolResult Run(params string[] args)
    {
        var result = ExternalTool.Run("xorriso", args);
        result.ExitCode.Should().Be(0, "xorriso {0} should succeed:\n{1}", string.Join(' ', args), result.Output);
        foreach (var complaint in Complaints)
        {
            result.StdErr.Should().NotContain(complaint, "xorriso should load the image cleanly:\n{0}", result.StdErr);
        }

        return result;
    }

    /// <summary>Parses <c>-find / -exec lsdl</c>: one ls -l style line per node, the path quoted.</summary>
    public static Dictionary<string, ListedNode> List(string image)
    {
        var listing = new Dictionary<string, ListedNode>(StringComparer.Ordinal);
        foreach (var line in Run("-indev", image, "-find", "/", "-exec", "lsdl").StdOut.Split('\n'))
        {
            var quote = line.IndexOf('\'');
            if (quote < 0 || line.Length < 10)
            {
                continue;
            }

            var fields = line[..quote].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var rest = line[(quote + 1)..];
            var end = rest.IndexOf("' -> '", StringComparison.Ordinal);
            string path, target = "";
            if (end >= 0)
            {
                path = rest[..end];
                target = rest[(end + 6)..^1];
            }
            else
            {
                path = rest[..^1];
            }

            // mode, links, uid, gid, size (or "major,minor"), month, day, year/time.
            listing[path] = new ListedNode(fields[0], int.Parse(fields[2]), int.Parse(fields[3]), fields[4], target);
        }

        return listing;
    }
}

/// <summary>One line of xorriso's listing.</summary>
internal sealed record ListedNode(string Mode, int Uid, int Gid, string SizeOrDevice, string SymlinkTarget);
