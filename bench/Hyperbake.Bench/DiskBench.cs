using System.Diagnostics;
using System.Globalization;
using Hyperbake.Imaging.Disks;
using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Imaging.Trees;
using Hyperbake.Imaging.VirtualDisks.Qcow2;
using static Hyperbake.Imaging.Disks.ByteSize;

namespace Hyperbake.Bench;

/// <summary>
/// A 1 GiB GPT disk with two 300 MB partitions filled from seeded content with zero stretches:
/// ours against sgdisk + dd conv=sparse (raw) and qemu-img convert (qcow2, compressed qcow2,
/// vhdx, vdi, vmdk), in the same run, median of N runs, ratio ours/theirs. Runs alternate
/// (ours, theirs, ours, …) so both sides see the same machine load; CPU time (user + system,
/// all threads) is shown beside wall time, as it depends less on what else the machine runs.
/// </summary>
public static class DiskBench
{
    private const long ContentSize = 300_000_000;

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var work = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "hyperbake-diskbench");
        Directory.CreateDirectory(work);
        var a = Path.Combine(work, "imga.img");
        var b = Path.Combine(work, "imgb.img");
        MakeContent(a, 1);
        MakeContent(b, 2);

        var plan = new DiskLayout(PartitionTableType.Gpt)
        {
            Seed = "bench",
            TotalSize = GiB,
            Partitions =
            {
                new PartitionSpec("EFI System", GptTypes.EfiSystem, 36 * MiB) { Bootable = true },
                new PartitionSpec("IMGA", GptTypes.CoreOsUsr, 300 * MiB, new HostFileContent(a)),
                new PartitionSpec("IMGB", GptTypes.CoreOsUsr, 300 * MiB, new HostFileContent(b)),
                new PartitionSpec("CONFIG", GptTypes.EveConfig, 1 * MiB),
                new PartitionSpec("P3", GptTypes.EvePersist) { Grow = true },
            },
        }.ComputeLayout();

        var ours = Path.Combine(work, "ours");
        var theirs = Path.Combine(work, "theirs");
        var theirsRaw = theirs + ".raw";
        var cases = new (string Name, Action Ours, Action Theirs)[]
        {
            ("raw (sgdisk + dd conv=sparse)", () => DiskWriter.Write(plan, ours + ".raw", DiskFormat.Raw), () => SgdiskDd(plan, theirsRaw)),
            ("qcow2 (qemu-img convert)", () => DiskWriter.Write(plan, ours + ".qcow2", DiskFormat.Qcow2), () => Tool("qemu-img", "convert", "-f", "raw", "-O", "qcow2", theirsRaw, theirs + ".qcow2")),
            ("qcow2 -c (qemu-img convert -c)", () => DiskWriter.Write(plan, ours + ".c.qcow2", DiskFormat.Qcow2, new DiskWriteOptions { Qcow2 = new Qcow2Options { Compress = true } }), () => Tool("qemu-img", "convert", "-c", "-f", "raw", "-O", "qcow2", theirsRaw, theirs + ".c.qcow2")),
            ("vhdx (qemu-img convert)", () => DiskWriter.Write(plan, ours + ".vhdx", DiskFormat.Vhdx), () => Tool("qemu-img", "convert", "-f", "raw", "-O", "vhdx", theirsRaw, theirs + ".vhdx")),
            ("vdi (qemu-img convert)", () => DiskWriter.Write(plan, ours + ".vdi", DiskFormat.Vdi), () => Tool("qemu-img", "convert", "-f", "raw", "-O", "vdi", theirsRaw, theirs + ".vdi")),
            ("vmdk (qemu-img convert)", () => DiskWriter.Write(plan, ours + ".vmdk", DiskFormat.Vmdk), () => Tool("qemu-img", "convert", "-f", "raw", "-O", "vmdk", theirsRaw, theirs + ".vmdk")),
            ("vmdk streamOptimized (qemu-img convert)", () => DiskWriter.Write(plan, ours + ".so.vmdk", DiskFormat.VmdkStreamOptimized), () => Tool("qemu-img", "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", theirsRaw, theirs + ".so.vmdk")),
        };

        File.Delete(theirsRaw);
        SgdiskDd(plan, theirsRaw); // the converters' input
        Console.WriteLine($"1 GiB GPT disk, 2 x {ContentSize:N0}-byte partitions with zero stretches; median of {runs} runs");
        Console.WriteLine($"{"case",-42} {"ours ms",9} {"theirs ms",10} {"ratio",7} {"ours cpu",9} {"theirs cpu",11} {"ratio",7} {"ours size",14} {"theirs size",14}");
        var only = args.Length > 2 ? args[2] : null;
        foreach (var (name, o, t) in cases)
        {
            if (only is not null && !name.StartsWith(only, StringComparison.Ordinal))
            {
                continue;
            }

            var ext = name.Split(' ')[0] switch { "raw" => ".raw", "qcow2" when name.Contains("-c", StringComparison.Ordinal) => ".c.qcow2", "qcow2" => ".qcow2", "vmdk" when name.Contains("stream", StringComparison.Ordinal) => ".so.vmdk", var e => "." + e };
            var (ot, oc, tt, tc) = Alternate(runs, ours + ext, o, theirs + ext, t);
            Console.WriteLine($"{name,-42} {ot,9:F0} {tt,10:F0} {ot / tt,7:F2} {oc,9:F0} {tc,11:F0} {oc / tc,7:F2} {Allocated(ours + ext),14:N0} {Allocated(theirs + ext),14:N0}");
        }

        // The raw case for the converters is the full pipeline: sgdisk + dd, then convert.
        Console.WriteLine("(qemu-img cases time the conversion alone, from a ready raw image; ours builds the image from the layout.)");
        return 0;
    }

    private static void MakeContent(string path, int seed)
    {
        if (File.Exists(path) && new FileInfo(path).Length == ContentSize)
        {
            return;
        }

        // Per 4 MiB: 2.5 MiB random, 0.5 MiB text-like (compressible), 1 MiB zeros.
        var rng = new Random(seed);
        var chunk = new byte[4 * MiB];
        using var f = File.Create(path);
        for (long done = 0; done < ContentSize; done += chunk.Length)
        {
            rng.NextBytes(chunk.AsSpan(0, (int)(2.5 * MiB)));
            var text = chunk.AsSpan((int)(2.5 * MiB), (int)(0.5 * MiB));
            rng.NextBytes(text);
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = (byte)('a' + (text[i] & 15));
            }

            chunk.AsSpan(3 * (int)MiB).Clear();
            f.Write(chunk, 0, (int)Math.Min(chunk.Length, ContentSize - done));
        }
    }

    private static void SgdiskDd(DiskPlan plan, string path)
    {
        Tool("truncate", "-s", plan.TotalSize.ToString(CultureInfo.InvariantCulture), path);
        var args = new List<string> { "-U", plan.DiskGuid!.Value.ToString() };
        foreach (var p in plan.Partitions)
        {
            args.AddRange([
                $"-n{p.Number}:{p.FirstLba}:{p.LastLba}", $"-t{p.Number}:{p.TypeGuid}", $"-c{p.Number}:{p.Name}", $"-u{p.Number}:{p.UniqueGuid}",
            ]);
        }

        args.Add(path);
        Tool("sgdisk", [.. args]);
        foreach (var p in plan.Partitions)
        {
            if (p.Spec.Content is { Length: > 0 } && p.Name.StartsWith("IMG", StringComparison.Ordinal))
            {
                var source = Path.Combine(Path.GetDirectoryName(path)!, p.Name.ToLowerInvariant() + ".img");
                Tool("dd", $"if={source}", $"of={path}", "bs=1M", $"seek={p.Offset}", "oflag=seek_bytes", "conv=sparse,notrunc", "status=none");
            }
        }
    }

    // Each run starts from no output file and an idle disk (sync), so earlier runs' writeback and
    // block freeing do not land on the next one. Ours and theirs alternate; each gets the median
    // of its wall times and of its CPU times (ours: this process; theirs: the reaped children).
    private static (double OursMs, double OursCpuMs, double TheirsMs, double TheirsCpuMs) Alternate(
        int runs, string oursOutput, Action ours, string theirsOutput, Action theirs)
    {
        var oursTimes = new List<(double Wall, double Cpu)>();
        var theirsTimes = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < runs; i++)
        {
            oursTimes.Add(Measure(oursOutput, ours, RusageSelf));
            theirsTimes.Add(Measure(theirsOutput, theirs, RusageChildren));
        }

        return (Median(oursTimes.Select(t => t.Wall)), Median(oursTimes.Select(t => t.Cpu)),
            Median(theirsTimes.Select(t => t.Wall)), Median(theirsTimes.Select(t => t.Cpu)));
    }

    private static (double Wall, double Cpu) Measure(string output, Action action, int who)
    {
        File.Delete(output);
        Tool("sync");
        var cpu = CpuMilliseconds(who);
        var sw = Stopwatch.StartNew();
        action();
        var wall = sw.Elapsed.TotalMilliseconds;
        return (wall, CpuMilliseconds(who) - cpu);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private const int RusageSelf = 0;
    private const int RusageChildren = -1;

    // getrusage: user + system time in ms. struct rusage starts with two timevals (seconds, microseconds).
    private static double CpuMilliseconds(int who)
    {
        var usage = new long[18];
        if (getrusage(who, usage) != 0)
        {
            return double.NaN;
        }

        return ((usage[0] + usage[2]) * 1000.0) + ((usage[1] + usage[3]) / 1000.0);
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int getrusage(int who, long[] usage);

    private static long Allocated(string path)
    {
        var psi = new ProcessStartInfo("stat", ["-c", "%b", path]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var blocks = long.Parse(p.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture);
        p.WaitForExit();
        return blocks * 512;
    }

    private static void Tool(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} {string.Join(' ', args)} exited {p.ExitCode}: {output.Result}{error}");
        }
    }
}
