using System.Text;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>
/// The <c>/etc/xen/domU&lt;i&gt;.cfg</c> disk_image writes into Dom0's rootfs so Dom0 can start a DomU that
/// the boot script does not (<c>xl create</c>). Lines and order as disk_image.
/// </summary>
public sealed record XlDomainConfig
{
    public required int Index { get; init; }

    /// <summary>DOMU_MEM[i] as written (MB).</summary>
    public required string Memory { get; init; }

    public required string Vcpus { get; init; }

    public string DriverDomain { get; init; } = string.Empty;

    /// <summary>Dom0's device for the boot partition (<c>/dev/mmcblk0p1</c>), shown in the mount hint.</summary>
    public required string BootDevice { get; init; }

    /// <summary>The kernel's path under /boot (prepend path included).</summary>
    public required string Kernel { get; init; }

    public string Ramdisk { get; init; } = string.Empty;

    public required string CommandLine { get; init; }

    /// <summary>Dom0's device for this DomU's rootfs partition, when it has one.</summary>
    public string RootDevice { get; init; } = string.Empty;

    /// <summary>The passthrough device tree's name in /etc/xen, when the DomU has one.</summary>
    public string DeviceTree { get; init; } = string.Empty;

    public PassthroughResources? Passthrough { get; init; }

    public string FileName => $"domU{Index}.cfg";

    /// <summary>DOMU_CMD[i], else <c>console=hvc0</c>, with <c>root=</c> added when it names none.</summary>
    public static string CommandLineFor(string domuCmd, bool hasRootfs)
    {
        var cmd = domuCmd.Length > 0 ? domuCmd : "console=hvc0";
        return cmd.Contains("root=", StringComparison.Ordinal) ? cmd : cmd + (hasRootfs ? " root=/dev/xvda" : " root=/dev/ram0");
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append($"name=\"domU{Index}\"\n");
        sb.Append($"memory={Memory}\n");
        sb.Append($"vcpus={Vcpus}\n");
        if (DriverDomain.Length > 0)
        {
            sb.Append($"driver_domain={DriverDomain}\n");
        }

        sb.Append($"# mount {BootDevice} /boot\n");
        sb.Append($"kernel=\"/boot/{Kernel}\"\n");
        if (Ramdisk.Length > 0)
        {
            sb.Append($"ramdisk=\"/boot/{Ramdisk}\"\n");
        }

        sb.Append($"extra=\"{CommandLine}\"\n");
        if (RootDevice.Length > 0)
        {
            sb.Append($"disk=[\"{RootDevice},,xvda\"]\n");
        }

        if (Passthrough is { } p)
        {
            sb.Append($"device_tree=\"/etc/xen/{DeviceTree}\"\n");
            sb.Append("iomem = [ ").Append(string.Join(", ", p.Iomem.Select(i => $"\"{i}\""))).Append(" ]\n");
            if (p.DtDevices.Count > 0)
            {
                sb.Append("dtdev = [ ").Append(string.Join(", ", p.DtDevices.Select(d => $"\"{d}\""))).Append(" ]\n");
            }

            if (p.Irqs is { Count: > 0 } irqs)
            {
                sb.Append("irqs = [ ").Append(string.Join(',', irqs)).Append(" ]\n");
            }
        }

        return sb.ToString();
    }
}
