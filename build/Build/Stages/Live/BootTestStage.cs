using Hyperbake.Boot.Qemu;
using Hyperbake.Host;

namespace Build.Stages.Live;

/// <summary>
/// Boots an image headless in QEMU with the arch's UEFI firmware and waits for the recipe's
/// banner printed by the root filesystem's init (which names the root device, so a banner from
/// an initramfs does not pass). The serial log is kept under dist/.../logs/.
/// </summary>
public static class BootTestStage
{
    public static BootResult Boot(ICakeContext task, string arch, string image, QemuDiskKind kind, string banner, string logDirectory, TimeSpan timeout)
    {
        var marker = banner + " [root: /dev/";
        var machine = new QemuMachine
        {
            Arch = arch,
            Firmware = QemuFirmware.Uefi,
            MemoryMiB = 1024,
            Accelerator = task.Configuration.GetValue("Qemu_Accel") is { Length: > 0 } accel ? accel : "auto",
            Disks = [new QemuDisk(image, kind)],
        };
        var log = Path.Combine(logDirectory, $"boot-{Path.GetFileName(image)}.log");
        task.Log.Information("Booting {0} in {1} (timeout {2} s); serial log: {3}", Path.GetFileName(image), machine.Emulator, (int)timeout.TotalSeconds, log);
        var result = QemuRunner.BootHeadless(machine, [marker], timeout, log, line => task.Log.Verbose("  | {0}", line));
        if (!result.Succeeded)
        {
            var tail = File.ReadLines(log).TakeLast(15);
            throw new InvalidOperationException(
                $"{Path.GetFileName(image)} did not print \"{marker}\" within {(int)timeout.TotalSeconds} s. Last lines of {log}:\n  " + string.Join("\n  ", tail));
        }

        task.Log.Information("{0}: banner after {1:F1} s", Path.GetFileName(image), result.MarkersSeen[marker].TotalSeconds);
        return result;
    }
}
