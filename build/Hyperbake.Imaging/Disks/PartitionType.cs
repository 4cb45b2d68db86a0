using Hyperbake.Imaging.Partitions.Gpt;
using Hyperbake.Imaging.Partitions.Mbr;

namespace Hyperbake.Imaging.Disks;

/// <summary>
/// A partition's type: a GPT type GUID, an MBR type byte, or both (an alias such as "esp"
/// knows both, so the same layout works as GPT, MBR or hybrid).
/// </summary>
public readonly record struct PartitionType(Guid? Gpt, byte? Mbr)
{
    private static readonly Dictionary<string, byte> MbrAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["esp"] = MbrPartitionTypes.EfiSystem,
        ["efi"] = MbrPartitionTypes.EfiSystem,
        ["efi-system"] = MbrPartitionTypes.EfiSystem,
        ["microsoft-basic-data"] = MbrPartitionTypes.MicrosoftBasicData,
        ["basic-data"] = MbrPartitionTypes.MicrosoftBasicData,
        ["ntfs"] = MbrPartitionTypes.Ntfs,
        ["fat32"] = MbrPartitionTypes.Fat32Lba,
        ["fat16"] = MbrPartitionTypes.Fat16Lba,
        ["linux-swap"] = MbrPartitionTypes.LinuxSwap,
        ["swap"] = MbrPartitionTypes.LinuxSwap,
        ["lvm"] = MbrPartitionTypes.LinuxLvm,
        ["raid"] = MbrPartitionTypes.LinuxRaid,
    };

    // For hybrid MBRs: the MBR byte that mirrors a GPT type when none is given.
    private static readonly Dictionary<Guid, byte> MbrForGpt = new()
    {
        [GptTypes.EfiSystem] = MbrPartitionTypes.EfiSystem,
        [GptTypes.MicrosoftBasicData] = MbrPartitionTypes.MicrosoftBasicData,
        [GptTypes.LinuxSwap] = MbrPartitionTypes.LinuxSwap,
        [GptTypes.LinuxLvm] = MbrPartitionTypes.LinuxLvm,
        [GptTypes.LinuxRaid] = MbrPartitionTypes.LinuxRaid,
    };

    /// <summary>
    /// Parses an alias ("esp", "efi", "linux", "linux-root-x86-64", "microsoft-basic-data", "xen",
    /// "swap", "fat32" …), a GUID, or an MBR byte written as "0x83" / "83".
    /// </summary>
    public static PartitionType Parse(string text)
    {
        var t = text.Trim();
        Guid? gpt = GptTypes.TryParse(t, out var g) ? g : null;
        byte? mbr = MbrAliases.TryGetValue(t, out var m) ? m : null;
        if (gpt is null && mbr is null && TryParseByte(t, out var b))
        {
            mbr = b;
        }

        if (gpt is { } linuxLike && mbr is null && !MbrForGpt.ContainsKey(linuxLike) && !Guid.TryParse(t, out _))
        {
            // Every Linux-ish alias (linux, linux-root-*, xen, coreos-usr …) is 0x83 on MBR.
            mbr = MbrPartitionTypes.Linux;
        }

        if (gpt is null && mbr is null)
        {
            throw new FormatException(
                $"Unknown partition type '{text}'. Use a GUID, an MBR byte like 0x83, or one of: {string.Join(", ", GptTypes.AliasNames.Concat(MbrAliases.Keys).Distinct().Order(StringComparer.Ordinal))}.");
        }

        return new PartitionType(gpt, mbr ?? (gpt is { } k && MbrForGpt.TryGetValue(k, out var mm) ? mm : null));
    }

    /// <summary>The MBR byte to use when a GPT partition is mirrored into a hybrid MBR.</summary>
    public byte? MbrOrMirror => Mbr ?? (Gpt is { } g && MbrForGpt.TryGetValue(g, out var m) ? m : null);

    public static implicit operator PartitionType(Guid gpt) => new(gpt, null);

    public static implicit operator PartitionType(byte mbr) => new(null, mbr);

    public static implicit operator PartitionType(string alias) => Parse(alias);

    public override string ToString() => (Gpt, Mbr) switch
    {
        ({ } g, { } m) => $"{g.ToString().ToUpperInvariant()} / 0x{m:X2}",
        ({ } g, null) => g.ToString().ToUpperInvariant(),
        (null, { } m) => $"0x{m:X2}",
        _ => "(none)",
    };

    private static bool TryParseByte(string t, out byte value)
    {
        var hex = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? t[2..] : t;
        return byte.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out value) && hex.Length <= 2;
    }
}
