namespace Hyperbake.Boot.Qemu;

/// <summary>
/// A QEMU command line for booting an image the way a board or a PC would: the right emulator,
/// machine and firmware for the arch (OVMF for amd64 UEFI, AAVMF or U-Boot for arm64).
/// </summary>
public sealed record QemuMachine
{
    public required string Arch { get; init; }

    public QemuFirmware Firmware { get; init; } = QemuFirmware.Uefi;

    public int MemoryMiB { get; init; } = 512;

    public int Cpus { get; init; } = 1;

    /// <summary>tcg, kvm, or auto (kvm only where it really runs guests).</summary>
    public string Accelerator { get; init; } = "auto";

    public IReadOnlyList<QemuDisk> Disks { get; init; } = [];

    /// <summary>Direct kernel boot (for U-Boot-less tests): kernel, initrd and append line.</summary>
    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    public string? Append { get; init; }

    /// <summary>Extra arguments appended as they are (e.g. a device tree or a loader).</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    public string Emulator => Arch switch
    {
        "amd64" => "qemu-system-x86_64",
        "arm64" => "qemu-system-aarch64",
        "riscv64" => "qemu-system-riscv64",
        _ => throw new ArgumentException($"No QEMU emulator for arch '{Arch}'."),
    };

    /// <summary>The arguments; <paramref name="scratch"/> receives a writable copy of the UEFI variable store.</summary>
    public IReadOnlyList<string> Arguments(string scratch, bool interactive)
    {
        var args = new List<string>();
        switch (Arch)
        {
            case "amd64":
                args.AddRange(["-machine", "q35", "-cpu", "max"]);
                break;
            case "arm64":
                args.AddRange(["-machine", "virt,gic-version=3", "-cpu", "cortex-a57"]);
                break;
            case "riscv64":
                args.AddRange(["-machine", "virt"]);
                break;
        }

        args.AddRange(["-m", MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture), "-smp", Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        args.AddRange(["-accel", ResolveAccelerator()]);
        args.AddRange(["-nodefaults", "-no-reboot"]);
        if (interactive)
        {
            args.AddRange(["-nographic", "-serial", "mon:stdio"]);
        }
        else
        {
            args.AddRange(["-display", "none", "-monitor", "none", "-serial", "stdio"]);
        }

        args.AddRange(FirmwareArguments(scratch));
        var index = 0;
        foreach (var disk in Disks)
        {
            var id = "disk" + index++;
            switch (disk.Kind)
            {
                case QemuDiskKind.Virtio:
                    args.AddRange(["-drive", $"file={disk.Path},if=none,id={id},format={disk.Format},snapshot=on", "-device", $"virtio-blk-pci,drive={id}"]);
                    break;
                case QemuDiskKind.Cdrom:
                    args.AddRange(["-drive", $"file={disk.Path},if=none,id={id},format=raw,media=cdrom,readonly=on"]);
                    // virtio-scsi, not AHCI: Debian's cloud kernels have no AHCI driver, and OVMF boots from either.
                    args.AddRange(["-device", $"virtio-scsi-pci,id=scsi{id}", "-device", $"scsi-cd,drive={id},bus=scsi{id}.0"]);
                    break;
                case QemuDiskKind.UsbStick:
                    args.AddRange(["-device", "qemu-xhci", "-drive", $"file={disk.Path},if=none,id={id},format={disk.Format},snapshot=on", "-device", $"usb-storage,drive={id}"]);
                    break;
            }
        }

        if (Kernel is not null)
        {
            args.AddRange(["-kernel", Kernel]);
            if (Initrd is not null)
            {
                args.AddRange(["-initrd", Initrd]);
            }

            if (Append is not null)
            {
                args.AddRange(["-append", Append]);
            }
        }

        args.AddRange(Extra);
        return args;
    }

    private IEnumerable<string> FirmwareArguments(string scratch)
    {
        if (Firmware == QemuFirmware.None)
        {
            return [];
        }

        if (Firmware == QemuFirmware.UBoot)
        {
            var uboot = Arch switch
            {
                "arm64" => "/usr/lib/u-boot/qemu_arm64/u-boot.bin",
                "riscv64" => "/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf",
                _ => throw new InvalidOperationException($"No U-Boot firmware for arch '{Arch}' in QEMU; use UEFI."),
            };
            return ["-bios", QemuFirmwareFiles.Require(uboot, "u-boot-qemu")];
        }

        var (code, vars, package) = Arch switch
        {
            "amd64" => ("/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd", "ovmf"),
            "arm64" => ("/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/AAVMF/AAVMF_VARS.fd", "qemu-efi-aarch64"),
            _ => throw new InvalidOperationException($"No UEFI firmware for arch '{Arch}' in QEMU."),
        };
        QemuFirmwareFiles.Require(code, package);
        var varsCopy = Path.Combine(scratch, "efivars.fd");
        File.Copy(QemuFirmwareFiles.Require(vars, package), varsCopy, overwrite: true);
        return ["-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={code}", "-drive", $"if=pflash,format=raw,unit=1,file={varsCopy}"];
    }

    private string ResolveAccelerator()
    {
        if (Accelerator != "auto")
        {
            return Accelerator;
        }

        // KVM only when the host arch matches and the module really runs ordinary guests
        // (kvm_pvm, seen on some cloud VMs, exposes /dev/kvm but fails on OVMF).
        var hostArch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            _ => "other",
        };
        var kvmUsable = hostArch == Arch && File.Exists("/dev/kvm") && !Directory.Exists("/sys/module/kvm_pvm")
            && (Directory.Exists("/sys/module/kvm_intel") || Directory.Exists("/sys/module/kvm_amd") || hostArch == "arm64");
        return kvmUsable ? "kvm" : "tcg";
    }
}

public enum QemuFirmware
{
    Uefi,
    UBoot,
    None,
}

internal static class QemuFirmwareFiles
{
    public static string Require(string path, string package) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"QEMU firmware '{path}' is missing; install the Debian package '{package}'.", path);
}
