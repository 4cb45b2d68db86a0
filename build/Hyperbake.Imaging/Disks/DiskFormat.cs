namespace Hyperbake.Imaging.Disks;

/// <summary>The file format a disk is written in.</summary>
public enum DiskFormat
{
    /// <summary>A raw image, sparse: zero regions are holes.</summary>
    Raw,

    /// <summary>QEMU copy-on-write version 3.</summary>
    Qcow2,

    /// <summary>Hyper-V dynamic VHDX.</summary>
    Vhdx,

    /// <summary>VirtualBox dynamic VDI.</summary>
    Vdi,

    /// <summary>VMware monolithic sparse VMDK (hosted products, qemu).</summary>
    Vmdk,

    /// <summary>VMware stream-optimized VMDK (compressed grains; OVF/ESXi import).</summary>
    VmdkStreamOptimized,
}
