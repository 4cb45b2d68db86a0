namespace Hyperbake.Imaging.UBoot.Fit;

/// <summary>A subnode of <c>/configurations</c>: which images boot together.</summary>
public sealed record FitConfiguration
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Kernel { get; init; }

    /// <summary>The base device tree, then any overlays.</summary>
    public IReadOnlyList<string> Fdt { get; init; } = [];

    public string? Ramdisk { get; init; }

    public string? Fpga { get; init; }

    public IReadOnlyList<string> Loadables { get; init; } = [];
}
