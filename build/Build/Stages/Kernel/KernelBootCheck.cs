using Build.Stages.Live;
using Hyperbake.Boot.Qemu;
using Hyperbake.Imaging.Archives.Cpio;
using Hyperbake.Imaging.Trees;

namespace Build.Stages.Kernel;

/// <summary>
/// Proves a kernel built from source runs: a busybox initramfs (our cpio writer, gzip) whose /init mounts
/// /proc, prints <c>/proc/version</c> and a marker with <c>uname -r</c>, booted directly by QEMU
/// (<c>-kernel</c>/<c>-initrd</c>, no firmware, TCG) with the console on the arch's first UART.
/// </summary>
public static class KernelBootCheck
{
    /// <summary>The line /init prints (followed by the running kernel's release).</summary>
    public const string Marker = "HYPERBAKE-KERNEL-BOOT-OK";

    public const string InitramfsName = "initramfs.cpio.gz";

    /// <summary>The /init script: a marker only busybox in userland can print, naming the release that runs.</summary>
    public const string Init =
        "#!/bin/sh\n" +
        "/bin/busybox mount -t proc proc /proc\n" +
        "/bin/busybox mount -t sysfs sysfs /sys\n" +
        "echo \"init: $(/bin/busybox cat /proc/version)\"\n" +
        "echo \"" + Marker + " $(/bin/busybox uname -r)\"\n" +
        "/bin/busybox poweroff -f\n";

    /// <summary>The serial console QEMU's machine for the arch has first: the PC's COM1, or the virt machine's PL011/16550.</summary>
    public static string Console(string arch) => arch == "arm64" ? "ttyAMA0" : "ttyS0";

    /// <summary>The kernel command line of the check.</summary>
    public static string CommandLine(string arch) => $"console={Console(arch)} panic=-1";

    /// <summary>Lines the serial console must show: the kernel's banner with the reproducible user and host, then /init's marker.</summary>
    public static IReadOnlyList<string> Markers(string release) =>
        [$"Linux version {release} (hyperbake@hyperbake)", $"{Marker} {release}"];

    /// <summary>Writes the initramfs: busybox-static, /bin/sh, /init and /dev/console, every time stamped with SOURCE_DATE_EPOCH.</summary>
    public static void WriteInitramfs(IContentSource busybox, string path, long sourceDateEpoch)
    {
        var tree = new FileTree(sourceDateEpoch);
        foreach (var dir in new[] { "bin", "dev", "proc", "sys" })
        {
            tree.AddDirectory(dir);
        }

        tree.AddFile("bin/busybox", busybox, 0x1ED);
        tree.AddSymlink("bin/sh", "busybox");
        tree.AddFile("init", Init, 0x1ED);

        // The kernel opens /dev/console before /init runs, and nothing mounts devtmpfs on an initramfs.
        tree.Add("dev/console", FileNode.Device(FileNodeKind.CharDevice, 5, 1, 0x180));
        InitramfsStage.Stamp(tree, sourceDateEpoch);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        CpioTreeWriter.WriteFile(tree, path, new CpioWriteOptions { Gzip = true });
    }

    /// <summary>The QEMU machine: direct kernel boot, no firmware.</summary>
    public static QemuMachine Machine(string arch, string kernel, string initramfs, string accelerator) => new()
    {
        Arch = arch,
        Firmware = QemuFirmware.None,
        MemoryMiB = 256,
        Accelerator = accelerator,
        Kernel = kernel,
        Initrd = initramfs,
        Append = CommandLine(arch),
    };

    /// <summary>Boots headless; throws with the serial log's last lines when a marker did not appear in time.</summary>
    public static BootResult Boot(QemuMachine machine, string release, string serialLog, TimeSpan timeout, Action<string>? onLine = null)
    {
        var markers = Markers(release);
        var result = QemuRunner.BootHeadless(machine, markers, timeout, serialLog, onLine);
        if (!result.Succeeded)
        {
            var tail = File.ReadLines(serialLog).TakeLast(20);
            throw new InvalidOperationException(
                $"The kernel {release} did not print \"{string.Join("\", \"", result.MissingMarkers)}\" within {(int)timeout.TotalSeconds} s. " +
                $"Last lines of {serialLog}:\n  " + string.Join("\n  ", tail));
        }

        return result;
    }
}
