using System.Diagnostics;
using Hyperbake.Imaging.Ext;

namespace Hyperbake.Bench;

/// <summary>
/// Our ext4 writer against <c>mke2fs -t ext4 -d</c> on the same corpus and image size, in the same
/// run: median wall time of three runs each, the time ratio, image sizes, and our peak memory.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class ExtBench
{
    private const int Runs = 3;
    private const long Epoch = 1_700_000_000;

    public static int Run(string[] args)
    {
        var work = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "hyperbake-ext-bench");
        var minBytes = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) << 20 : 300L << 20;
        var corpus = Path.Combine(work, "corpus");
        if (!Directory.Exists(corpus))
        {
            Console.WriteLine($"staging corpus in {corpus} ...");
            var (files, bytes) = ExtCorpus.Stage(corpus, minBytes, 10_000, ["/usr/share", "/usr/lib"]);
            Console.WriteLine($"staged {files} files, {bytes / 1e6:F1} MB");
        }

        var tree = ExtCorpus.Load(corpus, Epoch);
        var entries = tree.Walk().Count() - 1;
        var dataBytes = tree.Walk().Sum(e => e.Node.Kind == Hyperbake.Imaging.Trees.FileNodeKind.RegularFile ? e.Node.Size : 0);
        var size = new ExtFileSystemBuilder(tree, Options(null)).ComputeSize();
        Console.WriteLine($"corpus: {entries} entries, {dataBytes / 1e6:F1} MB of file data; image size {size / 1e6:F1} MB");

        var ours = Path.Combine(work, "ours.img");
        var theirs = Path.Combine(work, "mke2fs.img");
        var ourTimes = new List<double>();
        var theirTimes = new List<double>();
        // One warm-up of each (JIT, page cache) like hyperfine --warmup 1, then the measured runs.
        for (var run = -1; run < Runs; run++)
        {
            File.Delete(ours);
            var sw = Stopwatch.StartNew();
            var t = ExtCorpus.Load(corpus, Epoch);
            var tLoad = sw.Elapsed.TotalSeconds;
            var builder = new ExtFileSystemBuilder(t, Options(size));
            builder.ComputeSize();
            var tLayout = sw.Elapsed.TotalSeconds;
            using (var output = new FileStream(ours, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                builder.WriteTo(output);
            }
            Console.WriteLine($"load {tLoad:F2} layout {tLayout - tLoad:F2} write {sw.Elapsed.TotalSeconds - tLayout:F2}");

            var ourTime = sw.Elapsed.TotalSeconds;

            File.Delete(theirs);
            sw.Restart();
            Exec("mke2fs", "-q", "-F", "-t", "ext4", "-d", corpus, "-E", "root_owner=0:0", theirs, $"{size / 1024}k");
            var theirTime = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"{(run < 0 ? "warm-up" : $"run {run + 1}")}: ours {ourTime:F2} s, mke2fs {theirTime:F2} s");
            if (run >= 0)
            {
                ourTimes.Add(ourTime);
                theirTimes.Add(theirTime);
            }
        }

        var peak = PeakResidentMegabytes();
        var fsck = Exec("e2fsck", "-fn", ours);
        var oursMedian = Median(ourTimes);
        var theirsMedian = Median(theirTimes);
        Console.WriteLine();
        Console.WriteLine($"| tool | median of {Runs} (s) | image bytes | allocated bytes |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| Hyperbake ext4 | {oursMedian:F2} | {new FileInfo(ours).Length:N0} | {Allocated(ours):N0} |");
        Console.WriteLine($"| mke2fs -t ext4 -d | {theirsMedian:F2} | {new FileInfo(theirs).Length:N0} | {Allocated(theirs):N0} |");
        Console.WriteLine();
        Console.WriteLine($"time ratio ours/theirs: {oursMedian / theirsMedian:F3} (target <= 1.0)");
        Console.WriteLine($"our peak memory (VmHWM of the bench process): {peak} MB (target < 300 MB)");
        Console.WriteLine($"e2fsck -fn on ours: exit {fsck.ExitCode}; {fsck.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.Contains("files"))}");
        return fsck.ExitCode == 0 ? 0 : 1;
    }

    private static ExtFileSystemOptions Options(long? size) => new()
    {
        Size = size,
        Label = "bench",
        Seed = "bench",
        SourceDateEpoch = Epoch,
    };

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static long PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    private static long Allocated(string path) =>
        long.Parse(Exec("stat", "-c", "%b", path).Output.Trim(), System.Globalization.CultureInfo.InvariantCulture) * 512;

    private static (int ExitCode, string Output) Exec(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
