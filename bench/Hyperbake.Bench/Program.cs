namespace Hyperbake.Bench;

/// <summary>Benchmarks compare our in-process writers with the standard tools, in the same run, and print time ratios.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "fat":
                return FatBenchmark.Run(args[1..]);
            case "disk":
                return DiskBench.Run(args[1..]);
            case "iso":
                return IsoBench.Run(args[1..]);
            case "squashfs":
                return SquashFsBench.Run(args[1..]);
            case "ext4" when !OperatingSystem.IsWindows():
                return ExtBench.Run(args[1..]);
            default:
                Console.Error.WriteLine("usage: Hyperbake.Bench <benchmark> [options]");
                Console.Error.WriteLine("  fat [--runs N]                        64 MiB FAT32 ESP with 2,000 files: ours vs mkfs.vfat -F 32 + mcopy -s");
                Console.Error.WriteLine("  disk [runs] [work-dir] [case-prefix]  1 GiB GPT disk, raw/qcow2/vhdx/vdi/vmdk: ours vs sgdisk+dd and qemu-img convert");
                Console.Error.WriteLine("  iso                                   >200 MB tree: ours vs xorriso -as mkisofs -R -J");
                Console.Error.WriteLine("  squashfs                              >200 MB tree: ours vs mksquashfs -comp gzip -b 131072 -processors 2");
                Console.Error.WriteLine("  ext4                                  >200 MB tree: ours vs mke2fs -t ext4 -d");
                return 2;
        }
    }
}
