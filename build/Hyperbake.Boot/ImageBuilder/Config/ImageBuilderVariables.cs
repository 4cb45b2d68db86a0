namespace Hyperbake.Boot.ImageBuilder.Config;

/// <summary>The variables ImageBuilder's uboot-script-gen and disk_image read.</summary>
public static class ImageBuilderVariables
{
    /// <summary>Plain variables.</summary>
    public static readonly IReadOnlySet<string> Scalars = new HashSet<string>(StringComparer.Ordinal)
    {
        "MEMORY_START", "MEMORY_END", "LOAD_CMD", "BOOT_CMD", "DEVICE_TREE", "XEN", "XEN_CMD", "XEN_COLORS",
        "UBOOT_SOURCE", "UBOOT_SCRIPT", "APPEND_EXTRA_CMDS", "FDTEDIT", "FIT", "FIT_ENC_KEY_DIR", "FIT_ENC_UB_DTB",
        "BITSTREAM", "NUM_DT_OVERLAY", "PASSTHROUGH_DTS_REPO", "LOPPER_PATH", "LOPPER_CMD", "NUM_CPUPOOLS",
        "DOM0_KERNEL", "DOM0_RAMDISK", "DOM0_CMD", "DOM0_MEM", "DOM0_VCPUS", "DOM0_COLORS", "DOM0_VIOMMU",
        "DOM0_ROOTFS", "NUM_DOMUS", "LINUX", "LINUX_RAMDISK", "LINUX_CMD", "LINUX_ROOTFS", "GPT", "NUM_BOOT_AUX_FILE",
    };

    /// <summary>Per-DomU arrays, indexed 0 … NUM_DOMUS-1.</summary>
    public static readonly IReadOnlyList<string> DomUArrays =
    [
        "DOMU_KERNEL", "DOMU_RAMDISK", "DOMU_CMD", "DOMU_MEM", "DOMU_VCPUS", "DOMU_PASSTHROUGH_DTB",
        "DOMU_PASSTHROUGH_PATHS", "DOMU_NOBOOT", "DOMU_ROOTFS", "DOMU_COLORS", "DOMU_STATIC_MEM",
        "DOMU_DIRECT_MAP", "DOMU_ENHANCED", "DOMU_VIOMMU", "DOMU_CPUPOOL", "DOMU_VUART_PL011", "DOMU_DRIVER_DOMAIN",
    ];

    /// <summary>The other arrays and the count variable that bounds each.</summary>
    public static readonly IReadOnlyDictionary<string, string> CountedArrays = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DT_OVERLAY"] = "NUM_DT_OVERLAY",
        ["CPUPOOL"] = "NUM_CPUPOOLS",
        ["BOOT_AUX_FILE"] = "NUM_BOOT_AUX_FILE",
    };

    public static bool IsKnown(string name) =>
        Scalars.Contains(name) || CountedArrays.ContainsKey(name) || DomUArrays.Contains(name);
}
