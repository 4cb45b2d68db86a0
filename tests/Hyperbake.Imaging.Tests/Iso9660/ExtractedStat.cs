using System.Globalization;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>lstat of every path under an extracted folder, read with stat(1) in one run.</summary>
internal sealed record ExtractedStat(int Mode, int Uid, int Gid, long ModificationTime, long Inode, int Major, int Minor)
{
    public static Dictionary<string, ExtractedStat> Read(string root)
    {
        var result = ExternalTool.Run("find", [root, "-mindepth", "1", "-exec", "stat", "--printf", "%n\t%f\t%u\t%g\t%Y\t%i\t%t\t%T\n", "{}", "+"]);
        result.ExitCode.Should().Be(0, result.Output);
        var stats = new Dictionary<string, ExtractedStat>(StringComparer.Ordinal);
        foreach (var line in result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            var path = Path.GetRelativePath(root, f[0]);
            stats[path] = new ExtractedStat(
                int.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture),
                int.Parse(f[3], CultureInfo.InvariantCulture),
                long.Parse(f[4], CultureInfo.InvariantCulture),
                long.Parse(f[5], CultureInfo.InvariantCulture),
                int.Parse(f[6], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(f[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }

        return stats;
    }
}
