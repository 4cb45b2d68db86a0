using System.Globalization;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>
/// The Linux name Dom0 sees for a partition of the disk a U-Boot load command reads: <c>load mmc 0:1</c> →
/// <c>/dev/mmcblk0p1</c>, <c>load scsi 0:1</c> → <c>/dev/sda1</c>. disk_image knows mmc and scsi; virtio
/// (<c>/dev/vda1</c>) and usb (<c>/dev/sda1</c>) are added here.
/// </summary>
public sealed record LinuxBlockDevice(string Interface, int Device, int Partition)
{
    /// <summary>ImageBuilder's parsing: the device is the word before the last ':', the partition the text after the first ':'.</summary>
    public static LinuxBlockDevice Parse(string loadCmd)
    {
        var lastColon = loadCmd.LastIndexOf(':');
        var firstColon = loadCmd.IndexOf(':', StringComparison.Ordinal);
        var devText = lastColon >= 0 ? loadCmd[..lastColon] : string.Empty;
        devText = devText.LastIndexOf(' ') is var s and >= 0 ? devText[(s + 1)..] : devText;
        var parText = firstColon >= 0 ? loadCmd[(firstColon + 1)..].Trim() : string.Empty;
        if (!int.TryParse(devText, NumberStyles.None, CultureInfo.InvariantCulture, out var dev) ||
            !int.TryParse(parText, NumberStyles.None, CultureInfo.InvariantCulture, out var par) || par < 1)
        {
            throw new ImageBuilderException(
                $"Could not parse device and partition from LOAD_CMD \"{loadCmd}\" to name the disks in the xl configs; use a load command such as \"load mmc 0:1\" (-t sd).");
        }

        var kind = new[] { "mmc", "scsi", "virtio", "usb" }.FirstOrDefault(k => loadCmd.Contains(k, StringComparison.Ordinal))
            ?? throw new ImageBuilderException(
                $"LOAD_CMD \"{loadCmd}\" reads neither mmc, scsi, virtio nor usb, so the Linux device of the partitions in the xl configs is unknown; use for example -t sd (load mmc 0:1) or -t scsi.");
        if (kind != "mmc" && dev > 25)
        {
            throw new ImageBuilderException($"LOAD_CMD \"{loadCmd}\" names device {dev}; only 0 to 25 have a Linux name (sda … sdz).");
        }

        return new LinuxBlockDevice(kind, dev, par);
    }

    /// <summary>The device node of partition <paramref name="partition"/> of this disk.</summary>
    public string PartitionPath(int partition) => Interface switch
    {
        "mmc" => string.Create(CultureInfo.InvariantCulture, $"/dev/mmcblk{Device}p{partition}"),
        "virtio" => string.Create(CultureInfo.InvariantCulture, $"/dev/vd{(char)('a' + Device)}{partition}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"/dev/sd{(char)('a' + Device)}{partition}"),
    };
}
