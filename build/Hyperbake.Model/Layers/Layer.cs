namespace Hyperbake.Model.Layers;

/// <summary>
/// A layer: a folder <c>layers/&lt;name&gt;/</c> with <c>layer.yaml</c>, and optionally
/// <c>recipes/</c>, <c>appends/</c>, <c>modifiers/{hv,platform,arch}/</c>, <c>features/</c>,
/// <c>platforms/</c>, <c>toolchains/</c> and <c>files/</c>. Higher priority wins.
/// </summary>
public sealed record Layer(string Name, string Directory, int Priority, IReadOnlyList<string> Depends, string Description)
{
    public string RecipesDirectory => Path.Combine(Directory, "recipes");

    public string AppendsDirectory => Path.Combine(Directory, "appends");

    public string ModifiersDirectory => Path.Combine(Directory, "modifiers");

    public string FeaturesDirectory => Path.Combine(Directory, "features");

    public string FilesDirectory => Path.Combine(Directory, "files");
}
