using Hyperbake.Imaging.Disks;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>
/// The command line of ImageBuilder's <c>disk_image -c CONFIG -d DIR -t LOAD [-s SLACK] [-a] -o IMG [-p PATH]</c>,
/// plus what Hyperbake needs: the timestamp, the output format and the filesystem of the rootfs partitions.
/// </summary>
public sealed record DiskImageOptions
{
    /// <summary><c>-d</c>: the folder every config path is relative to.</summary>
    public required string Directory { get; init; }

    /// <summary><c>-o</c>: the image file, written under a temporary name and renamed when complete.</summary>
    public required string Output { get; init; }

    /// <summary>
    /// <c>-t</c>: the load command (aliases <c>sd</c>, <c>scsi</c>, <c>usb</c>, <c>tftp</c>); it only names the
    /// devices written into the xl configs. Unlike disk_image, it overrides the config's LOAD_CMD, as in uboot-script-gen.
    /// </summary>
    public string? LoadCommand { get; init; }

    /// <summary><c>-s</c>: MiB added to each rootfs partition (default 128).</summary>
    public int SlackMiB { get; init; } = 128;

    /// <summary><c>-a</c>: round the image size up to a power of two MiB.</summary>
    public bool PowerOfTwo { get; init; }

    /// <summary><c>-p</c>: the folder inside the boot partition the boot files go into.</summary>
    public string? Prepend { get; init; }

    /// <summary>The time of every file, directory and filesystem (SOURCE_DATE_EPOCH).</summary>
    public required long SourceDateEpoch { get; init; }

    public DiskFormat Format { get; init; } = DiskFormat.Raw;

    /// <summary>How the rootfs partitions are formatted (ext4 by default, as mkfs.ext4 in disk_image).</summary>
    public IRootfsFileSystemFactory RootfsFileSystem { get; init; } = new Ext4RootfsFileSystem();

    /// <summary>
    /// Files (relative to <see cref="Directory"/>) the boot partition must hold besides the ones the config names,
    /// e.g. the patched device tree of the build-time device tree mode.
    /// </summary>
    public IReadOnlyList<string> AdditionalBootFiles { get; init; } = [];
}
