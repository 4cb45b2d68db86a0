using System.Diagnostics;
using Hyperbake.Imaging.Fat;
using Hyperbake.Imaging.Trees.Readers;

namespace Hyperbake.Bench;

/// <summary>
/// A 64 MiB FAT32 ESP holding 2,000 generated files of mixed sizes in 20 directories: our
/// writer (reading the input directory included) against mkfs.vfat -F 32 followed by mcopy -s,
/// on the same input in the same run. Prints the median of each and the ratio ours/theirs.
/// </summary>
public static class FatBenchmark
{
    private const long ImageSize = 64L << 20;
    private const int FileCount = 2000;
    private const int DirectoryCount = 20;

    public static int Run(string[] args)
    {
        var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
        var work = Directory.CreateTempSubdirectory("hyperbake-bench-fat-").FullName;
        try
        {
            var input = Path.Combine(work, "input");
            var bytes = Generate(input);
            Console.WriteLine($"fat: {FileCount} files, {bytes / 1024.0 / 1024.0:F1} MiB, into a {ImageSize >> 20} MiB FAT32 image; {runs} runs each (after one warm-up)");

            var ours = new List<double>();
            var theirs = new List<double>();
            for (var run = -1; run < runs; run++)
            {
                var oursTime = Time(() => Ours(input, Path.Combine(work, "ours.img")));
                var theirsTime = Time(() => Theirs(input, Path.Combine(work, "theirs.img")));
                if (run >= 0)
                {
                    ours.Add(oursTime);
                    theirs.Add(theirsTime);
                }
            }

            var check = BenchProcess.Run("fsck.vfat", "-n", Path.Combine(work, "ours.img"));
            var oursMedian = Median(ours);
            var theirsMedian = Median(theirs);
            Console.WriteLine($"fat: ours   median {oursMedian * 1000:F0} ms  (runs: {string.Join(", ", ours.Select(t => $"{t * 1000:F0}"))})");
            Console.WriteLine($"fat: theirs median {theirsMedian * 1000:F0} ms  (runs: {string.Join(", ", theirs.Select(t => $"{t * 1000:F0}"))})");
            Console.WriteLine($"fat: fsck.vfat -n on ours: {check.Split('\n').LastOrDefault(l => l.Length > 0)}");
            Console.WriteLine($"fat: ratio ours/theirs = {oursMedian / theirsMedian:F3} (target <= 1.0)");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Ours(string input, string image)
    {
        var tree = DirectoryTreeReader.Read(input, new DirectoryReadOptions { ReadXattrs = false });
        new FatFileSystemBuilder(tree, new FatFileSystemOptions { Size = ImageSize, FatType = FatType.Fat32, VolumeLabel = "ESP" }).WriteFile(image);
    }

    private static void Theirs(string input, string image)
    {
        File.Delete(image);
        BenchProcess.Run("mkfs.vfat", "-F", "32", "-n", "ESP", "-C", image, (ImageSize / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sources = Directory.GetFileSystemEntries(input).Order(StringComparer.Ordinal).ToList();
        BenchProcess.Run("mcopy", ["-s", "-i", image, .. sources, "::/"]);
    }

    /// <summary>Mixed sizes (most small, some tens of KiB, a few hundred KiB), deterministic, about 40 MiB in all.</summary>
    private static long Generate(string input)
    {
        var random = new Random(1234);
        long total = 0;
        var buffer = new byte[256 * 1024];
        for (var i = 0; i < FileCount; i++)
        {
            var directory = Path.Combine(input, $"dir{i % DirectoryCount:D2}");
            Directory.CreateDirectory(directory);
            var kind = i % 10;
            var size = kind < 6 ? random.Next(0, 4096) : kind < 9 ? random.Next(4096, 65536) : random.Next(65536, 256 * 1024);
            random.NextBytes(buffer.AsSpan(0, size));
            var name = i % 3 == 0 ? $"A Long File Name Number {i}.data" : $"file{i:D4}.bin";
            File.WriteAllBytes(Path.Combine(directory, name), buffer.AsSpan(0, size).ToArray());
            total += size;
        }

        return total;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
