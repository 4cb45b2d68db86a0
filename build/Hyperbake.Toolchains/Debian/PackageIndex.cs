namespace Hyperbake.Toolchains.Debian;

/// <summary>A parsed <c>dists/&lt;suite&gt;/main/binary-&lt;arch&gt;/Packages</c>: packages by name and who provides what.</summary>
public sealed class PackageIndex
{
    private readonly Dictionary<string, List<PackageIndexEntry>> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PackageIndexEntry>> providers = new(StringComparer.Ordinal);

    public int Count => byName.Count;

    private static readonly HashSet<string> Needed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Package", "Version", "Architecture", "Filename", "SHA256", "Size", "Depends", "Pre-Depends", "Provides",
    };

    public static PackageIndex Parse(TextReader reader, string origin)
    {
        var index = new PackageIndex();
        foreach (var stanza in ControlFile.Parse(reader, origin, Needed))
        {
            var name = stanza.Require("Package", origin);
            var preDepends = stanza.Get("Pre-Depends");
            var plainDepends = stanza.Get("Depends");
            var depends = preDepends is null ? plainDepends ?? "" : plainDepends is null ? preDepends : preDepends + ", " + plainDepends;
            IReadOnlyList<string> provides = stanza.Get("Provides") is { } p
                ? [.. p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PackageRelation.Parse(v).Name)]
                : [];
            var entry = new PackageIndexEntry(
                name,
                stanza.Require("Version", origin),
                stanza.Get("Architecture") ?? "",
                stanza.Require("Filename", origin),
                stanza.Require("SHA256", origin),
                long.Parse(stanza.Require("Size", origin), System.Globalization.CultureInfo.InvariantCulture),
                depends,
                provides);
            index.Add(entry);
        }

        return index;
    }

    public void Add(PackageIndexEntry entry)
    {
        Add(byName, entry.Name, entry);
        foreach (var provided in entry.Provides)
        {
            Add(providers, provided, entry);
        }
    }

    /// <summary>The newest version of a real package, or null.</summary>
    public PackageIndexEntry? Find(string name, PackageRelation? constraint = null) =>
        byName.TryGetValue(name, out var versions)
            ? versions.Where(v => constraint?.AcceptsVersion(v.Version) ?? true).MaxBy(v => v.Version, Comparer<string>.Create(DebianVersion.Compare))
            : null;

    /// <summary>Real packages that declare <c>Provides: name</c>, in name order.</summary>
    public IReadOnlyList<PackageIndexEntry> ProvidersOf(string name) =>
        providers.TryGetValue(name, out var list) ? [.. list.OrderBy(p => p.Name, StringComparer.Ordinal)] : [];

    private static void Add(Dictionary<string, List<PackageIndexEntry>> map, string key, PackageIndexEntry entry)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(entry);
    }
}
