namespace Hyperbake.Imaging.UBoot.Fit;

/// <summary>A Flattened Image Tree with embedded data: what <c>mkimage -f image.its</c> builds.</summary>
public sealed record FitImage
{
    public string? Description { get; init; }

    /// <summary>Cells used for <c>load</c> and <c>entry</c> (the root's #address-cells).</summary>
    public int AddressCells { get; init; } = 1;

    public IReadOnlyList<FitImageEntry> Images { get; init; } = [];

    public string? DefaultConfiguration { get; init; }

    public IReadOnlyList<FitConfiguration> Configurations { get; init; } = [];
}
