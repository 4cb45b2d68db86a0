namespace Build.Stages.Imaging;

/// <summary>Names and traits of <see cref="FilesystemType"/>.</summary>
public static class FilesystemTypes
{
    private static readonly Dictionary<string, FilesystemType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fat"] = FilesystemType.Fat,
        ["vfat"] = FilesystemType.Fat,
        ["fat12"] = FilesystemType.Fat12,
        ["fat16"] = FilesystemType.Fat16,
        ["fat32"] = FilesystemType.Fat32,
        ["squashfs"] = FilesystemType.Squashfs,
        ["ext2"] = FilesystemType.Ext2,
        ["ext3"] = FilesystemType.Ext3,
        ["ext4"] = FilesystemType.Ext4,
        ["iso"] = FilesystemType.Iso,
        ["iso9660"] = FilesystemType.Iso,
        ["tar"] = FilesystemType.Tar,
        ["cpio"] = FilesystemType.Cpio,
    };

    /// <summary>The canonical names, as listed in messages and the README.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fat", "fat12", "fat16", "fat32", "squashfs", "ext2", "ext3", "ext4", "iso", "tar", "cpio"];

    public static FilesystemType Parse(string key, string? value, OptionSpelling spelling)
    {
        if (value is null)
        {
            throw new ImagingInputException($"{spelling.Where}{spelling.Key(key)} is missing. Give one of: {string.Join(", ", Names)}, e.g. {spelling.Suggest(key, "ext4")}.");
        }

        return ByName.TryGetValue(value.Trim(), out var type)
            ? type
            : throw new ImagingInputException($"{spelling.Given(key, value)} is not a type this target writes. Use one of: {string.Join(", ", Names)}.");
    }

    public static string Name(this FilesystemType type) => type.ToString().ToLowerInvariant();

    public static bool IsFat(this FilesystemType type) => type is FilesystemType.Fat or FilesystemType.Fat12 or FilesystemType.Fat16 or FilesystemType.Fat32;

    public static bool IsExt(this FilesystemType type) => type is FilesystemType.Ext2 or FilesystemType.Ext3 or FilesystemType.Ext4;

    public static bool IsArchive(this FilesystemType type) => type is FilesystemType.Tar or FilesystemType.Cpio;

    /// <summary>Writable filesystems have a chosen size with free space; read-only ones are exactly as large as their content.</summary>
    public static bool HasFreeSpace(this FilesystemType type) => type.IsFat() || type.IsExt();

    /// <summary>The longest label the type holds, or 0 when it has none.</summary>
    public static int MaxLabelLength(this FilesystemType type) => type switch
    {
        _ when type.IsFat() => 11,
        _ when type.IsExt() => 16,
        FilesystemType.Iso => 32,
        _ => 0,
    };
}
