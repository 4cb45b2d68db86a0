using Hyperbake.Model.Layers;
using Hyperbake.Model.Yaml;

namespace Hyperbake.Model.Recipes;

/// <summary>
/// Composes an image recipe the way Yocto and EVE do: the base recipe (top-level
/// <c>recipes/</c> first, then the highest-priority layer that has it), then every layer's
/// <c>appends/&lt;name&gt;.yaml</c> by ascending priority (like <c>.bbappend</c>), then the
/// arch, hv and platform modifiers (like EVE's <c>*.yq</c>), then image features expanded from
/// <c>features/&lt;feature&gt;.yaml</c> (like <c>FEATURE_PACKAGES</c>).
/// </summary>
public sealed class RecipeComposer(LayerSet layers)
{
    public ComposedRecipe Compose(string recipeName, CompositionInput knobs)
    {
        var sources = new List<string>();
        var baseFile = FindBase(recipeName);
        sources.Add(layers.Show(baseFile));
        var doc = (YMapping)YamlPatch.StripOperators(YRead.Mapping(YamlLoader.Load(baseFile, layers.Show(baseFile)), "a recipe"));

        foreach (var layer in layers.Layers)
        {
            doc = ApplyIfExists(doc, Path.Combine(layer.AppendsDirectory, recipeName + ".yaml"), sources);
        }

        foreach (var (kind, value) in new[] { ("arch", knobs.Arch), ("hv", knobs.Hv), ("platform", knobs.Platform) })
        {
            foreach (var layer in layers.Layers)
            {
                doc = ApplyIfExists(doc, Path.Combine(layer.ModifiersDirectory, kind, value + ".yaml"), sources);
            }
        }

        doc = ExpandFeatures(doc, sources);
        var image = RecipeReader.ReadImage(doc, layers.Root);
        if (image.Arches.Count > 0 && !image.Arches.Contains(knobs.Arch, StringComparer.Ordinal))
        {
            throw ModelException.At(doc["arches"]!.Mark,
                $"image recipe '{image.Name}' supports arches {string.Join(", ", image.Arches)}; --arch={knobs.Arch} is not one of them.");
        }

        return new ComposedRecipe(doc, sources, image);
    }

    /// <summary>The names of all image recipes users can build (top-level <c>recipes/*.yaml</c>).</summary>
    public IReadOnlyList<string> ImageRecipeNames()
    {
        var dir = Path.Combine(layers.Root, "recipes");
        return Directory.Exists(dir)
            ? [.. Directory.GetFiles(dir, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)]
            : [];
    }

    private string FindBase(string recipeName)
    {
        var top = Path.Combine(layers.Root, "recipes", recipeName + ".yaml");
        if (File.Exists(top))
        {
            return top;
        }

        foreach (var layer in layers.Layers.Reverse())
        {
            var candidate = Path.Combine(layer.RecipesDirectory, recipeName + ".yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var known = ImageRecipeNames();
        throw new ModelException(
            $"recipe '{recipeName}' was not found in recipes/ or any layer's recipes/. Known image recipes: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
    }

    private YMapping ApplyIfExists(YMapping doc, string file, List<string> sources)
    {
        if (!File.Exists(file))
        {
            return doc;
        }

        var shown = layers.Show(file);
        sources.Add(shown);
        return YamlPatch.Apply(doc, YRead.Mapping(YamlLoader.Load(file, shown), "a recipe patch"));
    }

    private YMapping ExpandFeatures(YMapping doc, List<string> sources)
    {
        if (doc["features"] is not YSequence features)
        {
            return doc;
        }

        foreach (var item in features.Items)
        {
            var feature = item as YScalar ?? throw ModelException.At(item.Mark, "'features' must list feature names.");
            var file = layers.Layers.Reverse()
                .Select(l => Path.Combine(l.FeaturesDirectory, feature.Value + ".yaml"))
                .FirstOrDefault(File.Exists);
            if (file is null)
            {
                var known = layers.Layers
                    .Where(l => Directory.Exists(l.FeaturesDirectory))
                    .SelectMany(l => Directory.GetFiles(l.FeaturesDirectory, "*.yaml"))
                    .Select(f => Path.GetFileNameWithoutExtension(f)!)
                    .Distinct().Order(StringComparer.Ordinal);
                throw ModelException.At(feature.Mark, $"unknown image feature '{feature.Value}'. Known features: {string.Join(", ", known)}.");
            }

            var shown = layers.Show(file);
            sources.Add(shown);
            var patch = YRead.Mapping(YamlLoader.Load(file, shown), "a feature");
            YRead.OnlyKeys(patch, "a feature", "description", "packages:append", "files:append", "directories:append", "symlinks", "kernel");
            doc = YamlPatch.Apply(doc, new YMapping([.. patch.Entries.Where(e => e.Key != "description")], patch.Mark));
        }

        return doc;
    }
}
