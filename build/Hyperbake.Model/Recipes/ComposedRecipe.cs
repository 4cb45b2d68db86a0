using Hyperbake.Model.Yaml;

namespace Hyperbake.Model.Recipes;

/// <summary>The effective recipe: the merged document, the files that went into it (in order) and the typed view.</summary>
public sealed record ComposedRecipe(YMapping Document, IReadOnlyList<string> Sources, ImageRecipe Image);
