using System.Globalization;
using Hyperbake.Boot.Qemu;
using Hyperbake.Host;

namespace Build.Stages.Xen;

/// <summary>
/// Boots the dom0less disk in QEMU (TCG) with U-Boot, which finds boot.scr by its distro boot, and waits
/// until every guest's init has printed its marker (Dom0's on hvc0, the DomU's through Xen's console as
/// "(XEN) DOM1: …"). The generic BootTest can call <see cref="BuildAndBoot"/> for <c>--hv=xen --arch=arm64</c>.
/// </summary>
public static class XenBootTestStage
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    /// <summary>Boots the image the XenImage task built for <c>--ib-dt-mode</c> (the XenBootTest task depends on it).</summary>
    public static BootResult Run(BuildContext context) => Boot(context, XenImageStage.Locate(context));

    /// <summary>Builds the image (or finds it up to date), then boots it: for a task that does not depend on XenImage.</summary>
    public static BootResult BuildAndBoot(BuildContext context) => Boot(context, XenImageStage.Run(context));

    public static BootResult Boot(BuildContext context, XenImage image)
    {
        var timeout = context.Arguments.GetArgument("boot-timeout") is { } t
            ? TimeSpan.FromSeconds(int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0
                ? s
                : throw new CakeException($"--boot-timeout={t} is not a number of seconds; use e.g. --boot-timeout=300."))
            : DefaultTimeout;
        var machine = Machine(image, context.Configuration.GetValue("Qemu_Accel") is { Length: > 0 } accel ? accel : "auto");
        var markers = image.Settings.Guests.Select(g => g.Marker).ToList();
        var mode = Path.GetFileName(image.Directory);
        var log = Path.Combine(context.LogDirectory, $"boot-{XenImageStage.RecipeName}-{mode}.log");
        context.Log.Information("Booting {0} ({1} device tree) in {2} with U-Boot (timeout {3} s); serial log: {4}", Path.GetFileName(image.Disk), mode, machine.Emulator, (int)timeout.TotalSeconds, log);
        var result = QemuRunner.BootHeadless(machine, markers, timeout, log, line => context.Log.Verbose("  | {0}", line));
        if (!result.Succeeded)
        {
            var tail = File.ReadLines(log).TakeLast(20);
            throw new CakeException(
                $"{Path.GetFileName(image.Disk)} ({mode}) did not print {string.Join(" and ", result.MissingMarkers.Select(m => $"\"{m}\""))} within {(int)timeout.TotalSeconds} s. Last lines of {log}:\n  " +
                string.Join("\n  ", tail));
        }

        foreach (var (marker, when) in result.MarkersSeen.OrderBy(kv => kv.Value))
        {
            context.Log.Information("{0} after {1:F1} s", marker, when.TotalSeconds);
        }

        return result;
    }

    /// <summary>The board as the device tree was dumped for, U-Boot as firmware, the disk as a virtio-mmio block device (virtio 0 in U-Boot).</summary>
    public static QemuMachine Machine(XenImage image, string accelerator) => new()
    {
        Arch = "arm64",
        Firmware = QemuFirmware.UBoot,
        MemoryMiB = image.Settings.Board.MemoryMiB,
        Cpus = image.Settings.Board.Cpus,
        Accelerator = accelerator,
        Extra =
        [
            .. BoardDeviceTree.QemuOptions(image.Settings.Board),
            "-drive", $"if=none,file={image.Disk},format=raw,id=hd0,snapshot=on",
            "-device", "virtio-blk-device,drive=hd0",
        ],
    };
}
