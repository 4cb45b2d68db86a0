using System.Globalization;
using System.Text.RegularExpressions;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.Ext;

/// <summary>What <c>debugfs stat</c> says about one inode.</summary>
internal sealed record DebugFsStat(uint Inode, string Type, int Mode, int Uid, int Gid, long Size, int Links, long Blockcount, long Atime, long Ctime, long Mtime, long Crtime, string? Device, string Raw);

/// <summary>Runs debugfs (read-only) and parses its stat output.</summary>
internal static partial class DebugFs
{
    /// <summary>Runs many commands in one debugfs process; returns stdout.</summary>
    public static string Run(string image, IEnumerable<string> commands)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, commands);
            var r = ExternalTool.Run("debugfs", "-f", file, image);
            r.ExitCode.Should().Be(0, r.Output);
            return r.StdOut;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>stat of each path (absolute, in the image), keyed by path.</summary>
    public static Dictionary<string, DebugFsStat> Stat(string image, IReadOnlyList<string> paths)
    {
        var output = Run(image, paths.Select(p => $"stat \"{p}\""));
        var chunks = output.Split("debugfs: stat \"", StringSplitOptions.RemoveEmptyEntries);
        var result = new Dictionary<string, DebugFsStat>(StringComparer.Ordinal);
        foreach (var chunk in chunks.Where(c => c.Contains("Inode:")))
        {
            var path = chunk[..chunk.IndexOf("\"\n", StringComparison.Ordinal)];
            result[path] = Parse(chunk);
        }

        return result;
    }

    private static DebugFsStat Parse(string text)
    {
        var head = HeadRegex().Match(text);
        var user = UserRegex().Match(text);
        var links = LinksRegex().Match(text);
        head.Success.Should().BeTrue(text);
        var device = DeviceRegex().Match(text);
        return new DebugFsStat(
            uint.Parse(head.Groups[1].Value, CultureInfo.InvariantCulture),
            head.Groups[2].Value.Trim(),
            Convert.ToInt32(head.Groups[3].Value, 8),
            int.Parse(user.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(user.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(user.Groups[3].Value, CultureInfo.InvariantCulture),
            int.Parse(links.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(links.Groups[2].Value, CultureInfo.InvariantCulture),
            Time(text, "atime"),
            Time(text, "ctime"),
            Time(text, "mtime"),
            Time(text, "crtime"),
            device.Success ? $"{int.Parse(device.Groups[1].Value, CultureInfo.InvariantCulture)}:{int.Parse(device.Groups[2].Value, CultureInfo.InvariantCulture)}" : null,
            text);
    }

    /// <summary>Seconds from "name: 0xLO:EXTRA", the two low extra bits extending the epoch.</summary>
    private static long Time(string text, string name)
    {
        var m = Regex.Match(text, $@"(?m)^\s*{name}: 0x([0-9a-f]+):([0-9a-f]+)");
        m.Success.Should().BeTrue($"stat shows {name} with extra bits:\n{text}");
        var lo = (int)Convert.ToUInt32(m.Groups[1].Value, 16);
        var extra = Convert.ToUInt32(m.Groups[2].Value, 16);
        return lo + ((long)(extra & 3) << 32);
    }

    [GeneratedRegex(@"Inode: (\d+)\s+Type: (.+?)\s+Mode:\s+(\d+)")]
    private static partial Regex HeadRegex();

    [GeneratedRegex(@"User:\s+(\d+)\s+Group:\s+(\d+).*?Size: (\d+)")]
    private static partial Regex UserRegex();

    [GeneratedRegex(@"Links: (\d+)\s+Blockcount: (\d+)")]
    private static partial Regex LinksRegex();

    [GeneratedRegex(@"Device major/minor number: (\d+):(\d+)")]
    private static partial Regex DeviceRegex();
}
