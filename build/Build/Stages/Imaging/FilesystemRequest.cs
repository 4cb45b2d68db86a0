namespace Build.Stages.Imaging;

/// <summary>One filesystem image to build: from the command line (Filesystem target) or a layout's <c>filesystem:</c>.</summary>
public sealed record FilesystemRequest
{
    public required FilesystemType Type { get; init; }

    /// <summary>A folder or an archive (.tar, .tar.gz, .tgz, .tar.bz2, .cpio, .cpio.gz), absolute.</summary>
    public required string From { get; init; }

    /// <summary>How <see cref="From"/> was written, for messages.</summary>
    public string FromText { get; init; } = "";

    public string? Label { get; init; }

    /// <summary>The image size in bytes; null = computed from the content (plus <see cref="ExtraSpace"/>).</summary>
    public long? Size { get; init; }

    /// <summary>Free space added to a computed size (FAT and ext only).</summary>
    public long? ExtraSpace { get; init; }

    /// <summary>Keep a folder's owners instead of giving everything to root (archives always keep theirs).</summary>
    public bool KeepOwner { get; init; }

    /// <summary>FAT only: leave out symlinks, devices, fifos and sockets instead of failing.</summary>
    public bool SkipUnsupported { get; init; }

    /// <summary>ISO only: the path in the tree of a FAT image for a UEFI El Torito entry.</summary>
    public string? EfiBoot { get; init; }

    /// <summary>Every timestamp in the image is at most this (SOURCE_DATE_EPOCH).</summary>
    public long SourceDateEpoch { get; init; }

    /// <summary>How the settings are named in errors.</summary>
    public OptionSpelling Spelling { get; init; } = OptionSpelling.CommandLine;

    /// <summary>Where squashfs keeps its build to learn its size; null = the system temp folder.</summary>
    public string? TemporaryDirectory { get; init; }

    /// <summary>"ext4 image of rootfs.tar" for messages.</summary>
    public string Describe() => $"{Type.Name()} {(Type.IsArchive() ? "archive" : "image")} of {(FromText.Length > 0 ? FromText : From)}";
}
