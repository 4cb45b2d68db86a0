using Hyperbake.Model.Layers;
using Hyperbake.Model.Yaml;

namespace Hyperbake.Model.Recipes;

/// <summary>
/// Finds and reads kernel recipes: <c>recipes/kernels/&lt;name&gt;.yaml</c> in the highest-priority layer that
/// has it. A fragment named without a folder is looked up in the layers' <c>files/kernel/</c> (highest
/// priority first); one with a folder is relative to the recipe.
/// </summary>
public static class KernelRecipeReader
{
    public const string Folder = "kernels";

    private static readonly string[] Keys = ["name", "description", "arches", "source", "defconfig", "fragments", "arch-fragments"];

    public static KernelRecipe Load(LayerSet layers, string name)
    {
        var file = layers.Layers.Reverse()
            .Select(l => Path.Combine(l.RecipesDirectory, Folder, name + ".yaml"))
            .FirstOrDefault(File.Exists);
        if (file is null)
        {
            var known = Names(layers);
            throw new ModelException(
                $"kernel recipe '{name}' was not found in any layer's recipes/{Folder}/. Known kernel recipes: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
        }

        var shown = layers.Show(file);
        return Read(YRead.Mapping(YamlLoader.Load(file, shown), "a kernel recipe"), layers, Path.GetDirectoryName(file)!);
    }

    /// <summary>Every kernel recipe name in the layers, in ordinal order.</summary>
    public static IReadOnlyList<string> Names(LayerSet layers) =>
        [.. layers.Layers
            .Select(l => Path.Combine(l.RecipesDirectory, Folder))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.yaml"))
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Distinct()
            .Order(StringComparer.Ordinal)];

    public static KernelRecipe Read(YMapping m, LayerSet layers, string recipeDirectory)
    {
        YRead.OnlyKeys(m, "a kernel recipe", Keys);
        var name = YRead.RequiredString(m, "name", $"{m.Mark.File}: the kernel recipe");
        var archFragments = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (m["arch-fragments"] is { } node)
        {
            var perArch = YRead.Mapping(node, "'arch-fragments'");
            foreach (var entry in perArch.Entries)
            {
                archFragments[entry.Key] = Fragments(perArch, entry.Key, layers, recipeDirectory);
            }
        }

        var arches = YRead.StringList(m, "arches");
        foreach (var arch in archFragments.Keys.Where(a => arches.Count > 0 && !arches.Contains(a, StringComparer.Ordinal)))
        {
            throw ModelException.At(m["arch-fragments"]!.Mark, $"'arch-fragments' names arch '{arch}', which is not in 'arches' ({string.Join(", ", arches)}); add it there or remove its fragments.");
        }

        return new KernelRecipe
        {
            Name = name,
            Description = YRead.OptionalString(m, "description") ?? "",
            Arches = arches,
            Source = YRead.OptionalString(m, "source") is { Length: > 0 } source
                ? source
                : throw ModelException.At(m.Mark, $"kernel recipe '{name}' needs 'source': debian:PACKAGE, tarball:PATH#SHA256 or git:URL#COMMIT."),
            Defconfig = YRead.OptionalString(m, "defconfig") ?? "defconfig",
            Fragments = Fragments(m, "fragments", layers, recipeDirectory),
            ArchFragments = archFragments,
            Mark = m.Mark,
        };
    }

    /// <summary>Finds a fragment by name the way recipes name them (see the class comment); throws naming where it looked.</summary>
    public static string FindFragment(string fragment, LayerSet layers, string recipeDirectory, SourceMark mark)
    {
        if (fragment.Contains('/', StringComparison.Ordinal))
        {
            var relative = Path.GetFullPath(Path.Combine(recipeDirectory, fragment));
            return File.Exists(relative)
                ? relative
                : throw ModelException.At(mark, $"kernel config fragment '{fragment}' does not exist (looked for {layers.Show(relative)}).");
        }

        var candidates = layers.Layers.Reverse().Select(l => Path.Combine(l.FilesDirectory, "kernel", fragment)).ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw ModelException.At(mark, $"kernel config fragment '{fragment}' is in no layer's files/kernel/ (looked for {string.Join(", ", candidates.Select(layers.Show))}).");
    }

    private static IReadOnlyList<string> Fragments(YMapping m, string key, LayerSet layers, string recipeDirectory)
    {
        var names = YRead.StringList(m, key);
        var marks = m[key] is YSequence seq ? seq.Items.Select(i => i.Mark).ToList() : [.. names.Select(_ => m[key]!.Mark)];
        return [.. names.Select((n, i) => FindFragment(n, layers, recipeDirectory, marks[i]))];
    }
}
