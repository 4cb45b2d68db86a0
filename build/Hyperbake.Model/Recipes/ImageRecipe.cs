namespace Hyperbake.Model.Recipes;

/// <summary>An image recipe after composition: what the rootfs holds and how the disk is laid out.</summary>
public sealed record ImageRecipe
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Arches { get; init; } = [];

    /// <summary>The line the image's init prints when it comes up (a template).</summary>
    public string Banner { get; init; } = "{name} {version} ({arch}) is up";

    public required KernelSpec Kernel { get; init; }

    /// <summary>Debian binary packages installed into the rootfs (features already expanded).</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    public IReadOnlyList<string> Features { get; init; } = [];

    public IReadOnlyList<RecipeFile> Files { get; init; } = [];

    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>Symlinks by path, target as written.</summary>
    public IReadOnlyDictionary<string, string> Symlinks { get; init; } = new Dictionary<string, string>();

    /// <summary>A folder whose files go onto config.img over the recipe's defaults (EVE's conf/).</summary>
    public string? ConfigSource { get; init; }

    public IReadOnlyList<RecipeFile> ConfigFiles { get; init; } = [];

    public PartitionSizes Partitions { get; init; } = PartitionSizes.Default;

    /// <summary>Where the recipe was declared (the base file).</summary>
    public SourceMark Mark { get; init; }
}
