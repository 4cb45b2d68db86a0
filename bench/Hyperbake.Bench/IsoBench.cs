using System.Diagnostics;
using Hyperbake.Imaging.Iso9660;

namespace Hyperbake.Bench;

/// <summary>
/// IsoBuilder against <c>xorriso -as mkisofs -R -J</c> on the same corpus (whole folders of
/// /usr/share and /usr/lib, at least 200 MB and 10,000 files): one untimed warm-up each so both
/// read from the page cache, then three alternating timed runs; medians, ratio, sizes, peak memory.
/// </summary>
internal static class IsoBench
{
    private const long SourceDateEpoch = 1_700_000_000;

    public static int Run(string[] args)
    {
        var minBytes = (args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200) << 20;
        var minFiles = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var corpus = IsoBenchCorpus.Select(minBytes, minFiles, out var bytes, out var files);
        Console.WriteLine($"corpus: {corpus.Roots.Count} folders, {files} files, {bytes / 1048576.0:F1} MiB");

        var work = Directory.CreateTempSubdirectory("hyperbake-bench-iso-").FullName;
        try
        {
            var ours = Path.Combine(work, "ours.iso");
            var theirs = Path.Combine(work, "xorriso.iso");
            var pathList = Path.Combine(work, "paths.txt");
            File.WriteAllLines(pathList, corpus.Roots.Select(r => $"{r.IsoPath}={r.HostPath}"));

            BuildOurs(corpus, ours);
            BuildXorriso(pathList, theirs);
            var ourTimes = new List<double>();
            var theirTimes = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                ourTimes.Add(Time(() => BuildOurs(corpus, ours)));
                theirTimes.Add(Time(() => BuildXorriso(pathList, theirs)));
            }

            var ourMedian = Median(ourTimes);
            var theirMedian = Median(theirTimes);
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine($"hyperbake: median {ourMedian:F2} s  runs [{string.Join(", ", ourTimes.Select(t => t.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}]  size {new FileInfo(ours).Length / 1048576.0:F1} MiB");
            Console.WriteLine($"xorriso  : median {theirMedian:F2} s  runs [{string.Join(", ", theirTimes.Select(t => t.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}]  size {new FileInfo(theirs).Length / 1048576.0:F1} MiB");
            Console.WriteLine($"ratio (hyperbake / xorriso): {ourMedian / theirMedian:F2}  (target <= 1.0)");
            Console.WriteLine($"hyperbake peak working set: {self.PeakWorkingSet64 / 1048576.0:F0} MiB  (target < 300)");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void BuildOurs(IsoBenchCorpus corpus, string output)
    {
        var tree = corpus.ToTree(SourceDateEpoch);
        new IsoBuilder(tree, new IsoOptions { VolumeLabel = "BENCH", SourceDateEpoch = SourceDateEpoch }).WriteTo(output);
    }

    private static void BuildXorriso(string pathList, string output)
    {
        var psi = new ProcessStartInfo("xorriso") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-as", "mkisofs", "-quiet", "-R", "-J", "-V", "BENCH", "-graft-points", "-path-list", pathList, "-o", output })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["SOURCE_DATE_EPOCH"] = SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"xorriso failed ({p.ExitCode}): {stderr.Result}");
        }
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
