namespace Hyperbake.Boot.Qemu;

/// <summary>A disk or CD attached to the VM. Disks open with <c>snapshot=on</c> so booting never changes an artefact.</summary>
public sealed record QemuDisk(string Path, QemuDiskKind Kind)
{
    public string Format => Kind == QemuDiskKind.Cdrom ? "raw" : System.IO.Path.GetExtension(Path).ToLowerInvariant() switch
    {
        ".qcow2" => "qcow2",
        ".vhdx" => "vhdx",
        ".vdi" => "vdi",
        ".vmdk" => "vmdk",
        _ => "raw",
    };
}

public enum QemuDiskKind
{
    Virtio,
    Cdrom,
    UsbStick,
}
