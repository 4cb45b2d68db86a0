using Hyperbake.Imaging.Disks;

namespace Build.Stages.Imaging;

/// <summary>The disk formats of the Image target: named by --format, else by the output's extension.</summary>
public static class DiskFormats
{
    private static readonly Dictionary<string, DiskFormat> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["raw"] = DiskFormat.Raw,
        ["qcow2"] = DiskFormat.Qcow2,
        ["vhdx"] = DiskFormat.Vhdx,
        ["vdi"] = DiskFormat.Vdi,
        ["vmdk"] = DiskFormat.Vmdk,
        ["vmdk-stream"] = DiskFormat.VmdkStreamOptimized,
    };

    public static IReadOnlyList<string> Names { get; } = ["raw", "qcow2", "vhdx", "vdi", "vmdk", "vmdk-stream"];

    /// <summary>--format when given; else .qcow2, .vhdx, .vdi and .vmdk name theirs, anything else is raw.</summary>
    public static DiskFormat Choose(string? format, string output)
    {
        if (format is not null)
        {
            return ByName.TryGetValue(format.Trim(), out var named)
                ? named
                : throw new ImagingInputException($"--format={format} is not a disk format. Use one of: {string.Join(", ", Names)} (default: from the --out extension, else raw).");
        }

        var extension = Path.GetExtension(output).TrimStart('.');
        return extension.Length > 0 && ByName.TryGetValue(extension, out var byExtension) ? byExtension : DiskFormat.Raw;
    }

    public static string Name(DiskFormat format) => ByName.First(p => p.Value == format).Key;
}
