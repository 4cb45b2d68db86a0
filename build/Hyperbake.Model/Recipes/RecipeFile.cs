namespace Hyperbake.Model.Recipes;

/// <summary>
/// A file the recipe puts into the root filesystem: from a source file (relative to the YAML file
/// that named it), or inline content. Templates get <c>{name}</c>, <c>{version}</c>, <c>{arch}</c>,
/// <c>{hv}</c>, <c>{platform}</c> and <c>{banner}</c> substituted.
/// </summary>
public sealed record RecipeFile(string Path, string? SourcePath, string? Content, int Mode, bool Template, SourceMark Mark);
