using Hyperbake.Model.Yaml;

namespace Hyperbake.Model.Layers;

/// <summary>The layers of a checkout, ordered by priority (lowest first, so later ones override).</summary>
public sealed class LayerSet
{
    private LayerSet(string root, IReadOnlyList<Layer> layers)
    {
        Root = root;
        Layers = layers;
    }

    /// <summary>The checkout root; paths in messages are shown relative to it.</summary>
    public string Root { get; }

    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Reads every <c>layers/*/layer.yaml</c> under <paramref name="root"/> and checks dependencies.</summary>
    public static LayerSet Load(string root)
    {
        var layersDir = Path.Combine(root, "layers");
        var layers = new List<Layer>();
        if (Directory.Exists(layersDir))
        {
            foreach (var dir in Directory.GetDirectories(layersDir).Order(StringComparer.Ordinal))
            {
                var file = Path.Combine(dir, "layer.yaml");
                if (!File.Exists(file))
                {
                    continue;
                }

                var shown = Path.GetRelativePath(root, file);
                var m = YRead.Mapping(YamlLoader.Load(file, shown), "layer.yaml");
                YRead.OnlyKeys(m, "layer.yaml", "name", "description", "priority", "depends");
                var name = YRead.RequiredString(m, "name", shown);
                if (name != Path.GetFileName(dir))
                {
                    throw ModelException.At(m["name"]!.Mark, $"layer name '{name}' differs from its folder '{Path.GetFileName(dir)}'; make them the same.");
                }

                layers.Add(new Layer(name, dir, YRead.OptionalInt(m, "priority", 1), YRead.StringList(m, "depends"), YRead.OptionalString(m, "description") ?? ""));
            }
        }

        var byName = layers.ToDictionary(l => l.Name, StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var dep in layer.Depends)
            {
                if (!byName.TryGetValue(dep, out var target))
                {
                    throw new ModelException($"{Path.GetRelativePath(root, Path.Combine(layer.Directory, "layer.yaml"))}: layer '{layer.Name}' depends on layer '{dep}', which is not in layers/. Add it or remove the dependency.");
                }

                if (target.Priority > layer.Priority)
                {
                    throw new ModelException($"{Path.GetRelativePath(root, Path.Combine(layer.Directory, "layer.yaml"))}: layer '{layer.Name}' (priority {layer.Priority}) depends on '{dep}' (priority {target.Priority}); a layer must have a higher priority than the layers it builds on.");
                }
            }
        }

        return new LayerSet(root, [.. layers.OrderBy(l => l.Priority).ThenBy(l => l.Name, StringComparer.Ordinal)]);
    }

    public string Show(string path) => Path.GetRelativePath(Root, path);
}
