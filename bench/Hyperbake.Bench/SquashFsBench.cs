using System.Diagnostics;
using Hyperbake.Imaging.SquashFs;

namespace Hyperbake.Bench;

/// <summary>
/// squashfs: our writer against mksquashfs on the same corpus in the same run (median of 3),
/// reporting the time ratio, both sizes and our peak memory (mksquashfs runs as a child
/// process, so this process's peak working set is ours alone). Options: --runs=N,
/// --level=1..9, --ours-only (no mksquashfs, e.g. under /usr/bin/time -v).
/// </summary>
internal static class SquashFsBench
{
    public static int Run(string[] args)
    {
        var dirs = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (dirs.Length == 0)
        {
            dirs = ["/usr/share", "/usr/lib"];
        }

        var runs = 3;
        var level = 9;
        var oursOnly = args.Contains("--ours-only");
        foreach (var a in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            if (a.StartsWith("--runs=", StringComparison.Ordinal))
            {
                runs = int.Parse(a["--runs=".Length..]);
            }
            else if (a.StartsWith("--level=", StringComparison.Ordinal))
            {
                level = int.Parse(a["--level=".Length..]);
            }
        }

        var scratch = Directory.CreateTempSubdirectory("hyperbake-bench-squashfs-").FullName;
        try
        {
            // Both sides get the same tree: mksquashfs puts each source folder under its own name at the root.
            var roots = dirs.Select(d => (Source: d, Target: Path.GetFileName(d.TrimEnd('/')))).ToArray();
            var (tree, files, bytes) = SquashFsHostTree.Read(roots);
            Console.WriteLine($"corpus: {string.Join(", ", dirs)}: {files} files, {bytes / 1e6:F1} MB");

            var ours = Path.Combine(scratch, "ours.img");
            var theirs = Path.Combine(scratch, "theirs.img");
            var mkArgs = new List<string>();
            mkArgs.AddRange(dirs);
            mkArgs.AddRange([theirs, "-comp", "gzip", "-b", "131072", "-processors", "2", "-noappend", "-no-progress", "-quiet"]);

            var ourTimes = new List<double>();
            var theirTimes = new List<double>();
            long ourSize = 0;
            long theirSize = 0;
            for (var run = 0; run < runs; run++)
            {
                var sw = Stopwatch.StartNew();
                using (var builder = new SquashFsBuilder(tree, new SquashFsOptions { SourceDateEpoch = 0, CompressionLevel = level }))
                {
                    builder.Build(ours);
                }

                ourTimes.Add(sw.Elapsed.TotalSeconds);
                ourSize = new FileInfo(ours).Length;

                if (oursOnly)
                {
                    Console.WriteLine($"run {run + 1}: ours {ourTimes[^1]:F2} s, {ourSize} B");
                    continue;
                }

                sw.Restart();
                var psi = new ProcessStartInfo("mksquashfs", mkArgs) { RedirectStandardOutput = true, RedirectStandardError = true };
                using (var p = Process.Start(psi)!)
                {
                    p.StandardOutput.ReadToEnd();
                    var err = p.StandardError.ReadToEnd();
                    p.WaitForExit();
                    if (p.ExitCode != 0)
                    {
                        Console.Error.WriteLine($"mksquashfs failed: {err}");
                        return 1;
                    }
                }

                theirTimes.Add(sw.Elapsed.TotalSeconds);
                theirSize = new FileInfo(theirs).Length;
                Console.WriteLine($"run {run + 1}: ours {ourTimes[^1]:F2} s, mksquashfs {theirTimes[^1]:F2} s");
            }

            Console.WriteLine($"memory: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB, GC heap peak committed {GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes / 1e6:F0} MB (target < 300 MB)");
            if (oursOnly)
            {
                Console.WriteLine($"time:  ours {Median(ourTimes):F2} s (median of {runs})");
                return 0;
            }

            var ourMedian = Median(ourTimes);
            var theirMedian = Median(theirTimes);
            Console.WriteLine($"time:  ours {ourMedian:F2} s, mksquashfs {theirMedian:F2} s, ratio {ourMedian / theirMedian:F2} (target <= 1.0)");
            Console.WriteLine($"size:  ours {ourSize} B, mksquashfs {theirSize} B, ours/theirs {(double)ourSize / theirSize:F4} (target within 2%)");
            return 0;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Builds one image from a host folder (for checking by hand with unsquashfs or mount).</summary>
    public static int BuildImage(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: squashfs-image <dir> <out.img> [option ...]");
            return 2;
        }

        var (tree, files, bytes) = SquashFsHostTree.Read([(args[0], "")]);
        var options = SquashFsOptions.Parse(args[2..]);
        var sw = Stopwatch.StartNew();
        using var builder = new SquashFsBuilder(tree, options);
        var info = builder.Build(args[1]);
        Console.WriteLine($"{files} files, {bytes} bytes -> {info.Size} bytes in {sw.Elapsed.TotalSeconds:F2} s ({info})");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
