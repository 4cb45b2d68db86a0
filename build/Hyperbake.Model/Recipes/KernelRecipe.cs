namespace Hyperbake.Model.Recipes;

/// <summary>
/// A kernel built from source (<c>layers/&lt;layer&gt;/recipes/kernels/&lt;name&gt;.yaml</c>): where the source
/// comes from, the base config and the <c>.cfg</c> fragments merged over it, for the arches it supports.
/// </summary>
public sealed record KernelRecipe
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Arches { get; init; } = [];

    /// <summary>The source as written: <c>debian:PACKAGE</c>, <c>tarball:PATH#SHA256</c> or <c>git:URL#COMMIT</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The make target that writes the base config (<c>defconfig</c>, <c>tinyconfig</c>, <c>allnoconfig</c>).</summary>
    public string Defconfig { get; init; } = "defconfig";

    /// <summary>Fragments for every arch, as absolute paths, in the order they are merged.</summary>
    public IReadOnlyList<string> Fragments { get; init; } = [];

    /// <summary>Fragments merged after <see cref="Fragments"/> for one arch only, as absolute paths.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ArchFragments { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public SourceMark Mark { get; init; }

    /// <summary>The fragments an arch's build merges: the common ones, then the arch's own.</summary>
    public IReadOnlyList<string> FragmentsFor(string arch) =>
        [.. Fragments, .. ArchFragments.TryGetValue(arch, out var own) ? own : []];
}
