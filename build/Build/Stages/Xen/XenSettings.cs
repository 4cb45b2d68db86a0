namespace Build.Stages.Xen;

/// <summary>The emulated board: QEMU's machine options (which also decide its device tree) and the nodes the image leaves out.</summary>
public sealed record XenBoard(string Machine, string Cpu, int MemoryMiB, int Cpus, string DeviceTree, IReadOnlyList<string> RemoveNodes);

/// <summary>A dom0less guest: its role (<c>dom0</c>, <c>domU0</c> …), its initramfs file and when its init powers off.</summary>
public sealed record XenGuest(string Role, string Initramfs, int PowerOffAfterSeconds)
{
    /// <summary>The line the guest's init prints; the boot test waits for it.</summary>
    public string Marker => "HYPERBAKE-GUEST-UP role=" + Role;
}

/// <summary>
/// The Xen side of a dom0less recipe (<c>recipes/files/xen/dom0less.yaml</c>): which packages give the
/// hypervisor, the kernel and the userland, the board, the guests, the ImageBuilder config and the disk.
/// </summary>
public sealed record XenSettings
{
    public required string SourcePath { get; init; }

    public required IReadOnlyList<string> Platforms { get; init; }

    public required string HypervisorPackage { get; init; }

    public required string KernelPackage { get; init; }

    public required IReadOnlyList<string> UserlandPackages { get; init; }

    public required XenBoard Board { get; init; }

    public required IReadOnlyList<XenGuest> Guests { get; init; }

    /// <summary>The ImageBuilder variables as the YAML gives them (keys as written; <c>domus</c> a list of mappings).</summary>
    public required IReadOnlyList<KeyValuePair<string, object?>> ImageBuilder { get; init; }

    public required string DiskName { get; init; }
}
