namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Resolves named packages and their Pre-Depends/Depends against one Packages index, deterministically:
/// a group already satisfied by a chosen package (or one it provides) adds nothing; otherwise the first
/// alternative that is a real package with an acceptable version is taken; a virtual package is
/// satisfied by its provider when the choice is clear (the alphabetically first otherwise).
/// </summary>
public static class DependencyResolver
{
    public static IReadOnlyList<LockedPackage> Resolve(PackageIndex index, string suite, string architecture, IEnumerable<string> packages, ResolveOptions? options = null)
    {
        options ??= new ResolveOptions();
        var chosen = new Dictionary<string, (PackageIndexEntry Entry, List<string> Depends, bool Requested)>(StringComparer.Ordinal);
        var provided = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(PackageIndexEntry Entry, int Depth)>();
        var problems = new List<string>();

        void Choose(PackageIndexEntry entry, int depth, bool requested)
        {
            if (chosen.ContainsKey(entry.Name))
            {
                return;
            }

            chosen[entry.Name] = (entry, [], requested);
            provided.UnionWith(entry.Provides);
            queue.Enqueue((entry, depth));
        }

        foreach (var name in packages.Distinct(StringComparer.Ordinal))
        {
            var entry = index.Find(name) ?? (index.ProvidersOf(name) is [var only] ? only : null);
            if (entry is null)
            {
                throw new KeyNotFoundException(
                    $"Debian package '{name}' is not in {suite}/main for {architecture}{(index.ProvidersOf(name).Count > 1 ? $" (it is virtual, provided by {string.Join(", ", index.ProvidersOf(name).Select(p => p.Name))}: name one)" : "")}. Check the spelling in the recipe.");
            }

            Choose(entry, 0, requested: true);
        }

        while (queue.Count > 0)
        {
            var (entry, depth) = queue.Dequeue();
            if (options.MaxDepth is { } max && depth >= max)
            {
                continue;
            }

            foreach (var group in entry.Depends)
            {
                var satisfiedBy = group.Select(r => chosen.ContainsKey(r.Name) ? r.Name : provided.Contains(r.Name) ? ProviderName(r.Name) : null).FirstOrDefault(n => n is not null);
                if (satisfiedBy is null)
                {
                    var pick = group.Where(r => !options.Excluded.Contains(r.Name)).Select(r => index.Find(r.Name, r)).FirstOrDefault(e => e is not null);
                    if (pick is null)
                    {
                        // No real package: take a provider of the first virtual alternative that has one.
                        pick = group.Where(r => !options.Excluded.Contains(r.Name))
                            .Select(r => index.ProvidersOf(r.Name).FirstOrDefault(p => !options.Excluded.Contains(p.Name)))
                            .FirstOrDefault(p => p is not null);
                    }

                    if (pick is null)
                    {
                        if (!group.Any(r => options.Excluded.Contains(r.Name)))
                        {
                            problems.Add($"{entry.Name} {entry.Version} depends on '{string.Join(" | ", group)}', which nothing in {suite}/main for {architecture} provides");
                        }

                        continue;
                    }

                    Choose(pick, depth + 1, requested: false);
                    satisfiedBy = pick.Name;
                }

                if (!chosen[entry.Name].Depends.Contains(satisfiedBy))
                {
                    chosen[entry.Name].Depends.Add(satisfiedBy);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Cannot resolve the Debian packages: " + string.Join("; ", problems) + ". Exclude the dependency or add a package that provides it.");
        }

        return [.. chosen.Values
            .OrderBy(c => c.Entry.Name, StringComparer.Ordinal)
            .Select(c => new LockedPackage(suite, architecture, c.Entry.Name, c.Entry.Version, c.Entry.Filename, c.Entry.Sha256, c.Entry.Size, [.. c.Depends.Order(StringComparer.Ordinal)], c.Requested))];

        string ProviderName(string virtualName) =>
            chosen.Values.Where(c => c.Entry.Provides.Contains(virtualName)).Select(c => c.Entry.Name).Order(StringComparer.Ordinal).First();
    }
}
