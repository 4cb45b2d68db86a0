namespace Hyperbake.Imaging.UBoot.Legacy;

/// <summary>The header fields a caller chooses (what <c>mkimage -A -O -T -C -a -e -n</c> set).</summary>
public sealed record LegacyImageOptions
{
    public UBootArchitecture Architecture { get; init; } = UBootArchitecture.Arm64;

    public UBootOs Os { get; init; } = UBootOs.Linux;

    public UBootImageType Type { get; init; } = UBootImageType.Kernel;

    public UBootCompression Compression { get; init; } = UBootCompression.None;

    public uint LoadAddress { get; init; }

    public uint EntryPoint { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>SOURCE_DATE_EPOCH: the header timestamp. Required, so output never depends on the clock.</summary>
    public required long SourceDateEpoch { get; init; }
}
