namespace Hyperbake.Model.Platforms;

/// <summary>Every platform the layers define (<c>layers/*/platforms/*.yaml</c>), by name.</summary>
public sealed class PlatformCatalog
{
    private readonly Dictionary<string, PlatformDefinition> _platforms;

    public PlatformCatalog(IEnumerable<PlatformDefinition> platforms)
    {
        _platforms = new Dictionary<string, PlatformDefinition>(StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            if (_platforms.TryGetValue(platform.Name, out var other))
            {
                throw new PlatformException($"The platform '{platform.Name}' is defined twice: {other.SourcePath} and {platform.SourcePath}. Remove or rename one of them.");
            }

            _platforms.Add(platform.Name, platform);
        }
    }

    /// <summary>The platforms in name order.</summary>
    public IReadOnlyList<PlatformDefinition> Platforms => _platforms.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    public PlatformDefinition? Find(string name) => _platforms.GetValueOrDefault(name);

    /// <summary>Reads <c>layers/*/platforms/*.yaml</c> under <paramref name="root"/> (none is fine).</summary>
    public static PlatformCatalog Load(string root)
    {
        var layers = Path.Combine(root, "layers");
        var platforms = new List<PlatformDefinition>();
        if (Directory.Exists(layers))
        {
            foreach (var layerDirectory in Directory.GetDirectories(layers).Order(StringComparer.Ordinal))
            {
                var directory = Path.Combine(layerDirectory, "platforms");
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                var layer = Path.GetFileName(layerDirectory);
                foreach (var file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
                {
                    if (file.EndsWith(".yml", StringComparison.Ordinal))
                    {
                        throw new PlatformException($"{Relative(root, file)}: platform files end in .yaml; rename it to {Path.GetFileNameWithoutExtension(file)}.yaml.");
                    }

                    if (file.EndsWith(".yaml", StringComparison.Ordinal))
                    {
                        platforms.Add(PlatformReader.Read(File.ReadAllText(file), Relative(root, file), layer));
                    }
                }
            }
        }

        return new PlatformCatalog(platforms);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
