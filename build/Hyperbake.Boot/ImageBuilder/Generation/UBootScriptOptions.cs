namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>How device tree changes reach the booted system.</summary>
public enum DeviceTreeMode
{
    /// <summary>As ImageBuilder: <c>fdt set</c>/<c>fdt mknod</c> lines run by U-Boot at boot.</summary>
    Runtime,

    /// <summary>
    /// The changes are applied to a copy of DEVICE_TREE at build time (written as
    /// <see cref="UBootScriptOptions.PatchedDeviceTreeName"/>); the script only loads and boots.
    /// </summary>
    BuildTime,
}

/// <summary>The command line of <c>uboot-script-gen</c>, plus what Hyperbake needs to be deterministic.</summary>
public sealed record UBootScriptOptions
{
    /// <summary><c>-d</c>: the root directory; config paths are relative to it and outputs go into it.</summary>
    public required string Directory { get; init; }

    /// <summary><c>-t</c>: overrides LOAD_CMD; <c>sd</c>, <c>scsi</c>, <c>usb</c> and <c>tftp</c> are aliases.</summary>
    public string? LoadCommand { get; init; }

    /// <summary><c>-o</c>: writes NAME.source and NAME.scr instead of UBOOT_SOURCE/UBOOT_SCRIPT.</summary>
    public string? OutputName { get; init; }

    /// <summary><c>-f</c>: FIT mode.</summary>
    public bool Fit { get; init; }

    /// <summary><c>-p</c>: prepended to every loaded path and to the script in the hint line.</summary>
    public string? Prepend { get; init; }

    /// <summary>The timestamp in boot.scr, xen.ub and the FIT (mkimage honours SOURCE_DATE_EPOCH too).</summary>
    public required long SourceDateEpoch { get; init; }

    public DeviceTreeMode DeviceTreeMode { get; init; } = DeviceTreeMode.Runtime;

    /// <summary>For <see cref="DeviceTreeMode.BuildTime"/>: the patched blob's name (default DEVICE_TREE with "-patched.dtb").</summary>
    public string? PatchedDeviceTreeName { get; init; }

    /// <summary>For <see cref="DeviceTreeMode.BuildTime"/>: free bytes left in the patched blob for U-Boot's own /chosen edits.</summary>
    public int PatchedDeviceTreePadding { get; init; } = 4096;
}
