using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder.DiskImage;

/// <summary>Reads back a written disk with independent tools: partition bytes, mtools for FAT, debugfs for ext4.</summary>
internal static class DiskImageFiles
{
    /// <summary>Copies sectors [start, start+count) of the image into a new file.</summary>
    public static string ExtractPartition(string image, long startSector, long sectors, string destination)
    {
        using var input = File.OpenRead(image);
        using var output = File.Create(destination);
        input.Position = startSector * 512;
        var buffer = new byte[1 << 20];
        var left = sectors * 512;
        while (left > 0)
        {
            var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0)
            {
                throw new EndOfStreamException($"{image} ends inside the partition at sector {startSector}.");
            }

            output.Write(buffer, 0, n);
            left -= n;
        }

        return destination;
    }

    /// <summary>(start, sectors) of each partition as sfdisk --json... read from <c>sfdisk -d</c>.</summary>
    public static List<(int Number, long Start, long Size, string Type, bool Bootable, string Name)> Partitions(string image)
    {
        var dump = ExternalTool.Check("sfdisk", "-d", image).StdOut;
        var result = new List<(int, long, long, string, bool, string)>();
        foreach (var line in dump.Split('\n').Where(l => l.StartsWith(image, StringComparison.Ordinal)))
        {
            var number = int.Parse(line[image.Length..line.IndexOf(' ', StringComparison.Ordinal)].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var fields = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',').Select(f => f.Trim()).ToList();
            string Field(string key) => fields.FirstOrDefault(f => f.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..].Trim() ?? string.Empty;
            result.Add((number, long.Parse(Field("start"), System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(Field("size"), System.Globalization.CultureInfo.InvariantCulture), Field("type"), fields.Contains("bootable"), Field("name").Trim('"')));
        }

        return result;
    }

    /// <summary>Every file of a FAT volume, extracted by mcopy.</summary>
    public static string ExtractFat(string volume, string destination)
    {
        Directory.CreateDirectory(destination);
        var r = ExternalTool.Run("mcopy", "-s", "-n", "-i", volume, "::/", destination);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException("mcopy failed: " + r.Output);
        }

        return destination;
    }

    public static string DebugFsCat(string volume, string path)
    {
        var r = ExternalTool.Run("debugfs", "-R", $"cat \"{path}\"", volume);
        r.ExitCode.Should().Be(0, r.Output);
        return r.StdOut;
    }

    /// <summary>debugfs rdump of the whole volume into a folder.</summary>
    public static string ExtractExt(string volume, string destination)
    {
        Directory.CreateDirectory(destination);
        var r = ExternalTool.Run("debugfs", "-R", $"rdump / \"{destination}\"", volume);
        r.ExitCode.Should().Be(0, r.Output);
        return destination;
    }
}
