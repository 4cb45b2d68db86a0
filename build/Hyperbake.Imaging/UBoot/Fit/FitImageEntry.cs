namespace Hyperbake.Imaging.UBoot.Fit;

/// <summary>
/// One subnode of <c>/images</c>: the embedded data and the properties U-Boot reads. The
/// string values are the FIT names (<c>type = "kernel"</c>, <c>arch = "arm64"</c>…).
/// </summary>
public sealed record FitImageEntry
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required byte[] Data { get; init; }

    /// <summary>kernel, ramdisk, flat_dt, script, fpga, firmware, loadable…</summary>
    public required string Type { get; init; }

    public string? Architecture { get; init; }

    public string? Os { get; init; }

    public string Compression { get; init; } = "none";

    public string? Compatible { get; init; }

    public ulong? Load { get; init; }

    public ulong? Entry { get; init; }

    public IReadOnlyList<FitHash> Hashes { get; init; } = [];
}
