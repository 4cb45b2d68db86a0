namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// Resolves named packages and their Pre-Depends/Depends against one Packages index, deterministically:
/// a group already satisfied by a chosen package (or one it provides) adds nothing; otherwise the first
/// alternative that is a real package with an acceptable version is taken; a virtual package is
/// satisfied by its provider when the choice is clear (the alphabetically first otherwise).
/// </summary>
public static class DependencyResolver
{
    public static IReadOnlyList<LockedPackage> Resolve(PackageIndex index, string suite, string architecture, IEnumerable<string> packages, ResolveOptions? options = null) =>
        Resolve(index, suite, architecture, packages.Select(p => new PackageRequest(p, options?.MaxDepth)), options);

    /// <param name="options">Exclusions; its MaxDepth applies to requests that give none.</param>
    public static IReadOnlyList<LockedPackage> Resolve(PackageIndex index, string suite, string architecture, IEnumerable<PackageRequest> requests, ResolveOptions? options = null)
    {
        options ??= new ResolveOptions();
        var chosen = new Dictionary<string, (PackageIndexEntry Entry, List<string> Depends, bool Requested)>(StringComparer.Ordinal);
        var expanded = new Dictionary<string, int>(StringComparer.Ordinal);
        var provided = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(PackageIndexEntry Entry, int Remaining)>();
        var problems = new List<string>();

        // Remaining = how many more levels below this package may be followed. A package reached again with
        // more levels to go (from another request) is expanded again.
        void Choose(PackageIndexEntry entry, int remaining, bool requested)
        {
            if (!chosen.ContainsKey(entry.Name))
            {
                chosen[entry.Name] = (entry, [], requested);
                provided.UnionWith(entry.Provides);
            }
            else if (requested && !chosen[entry.Name].Requested)
            {
                chosen[entry.Name] = chosen[entry.Name] with { Requested = true };
            }

            if (!expanded.TryGetValue(entry.Name, out var before) || remaining > before)
            {
                expanded[entry.Name] = remaining;
                queue.Enqueue((entry, remaining));
            }
        }

        foreach (var request in requests.DistinctBy(r => r.Name, StringComparer.Ordinal))
        {
            var name = request.Name;
            var entry = index.Find(name) ?? (index.ProvidersOf(name) is [var only] ? only : null);
            if (entry is null)
            {
                throw new KeyNotFoundException(
                    $"Debian package '{name}' is not in {suite}/main for {architecture}{(index.ProvidersOf(name).Count > 1 ? $" (it is virtual, provided by {string.Join(", ", index.ProvidersOf(name).Select(p => p.Name))}: name one)" : "")}. Check the spelling in the recipe.");
            }

            Choose(entry, request.MaxDepth ?? options.MaxDepth ?? int.MaxValue, requested: true);
        }

        while (queue.Count > 0)
        {
            var (entry, remaining) = queue.Dequeue();
            if (remaining <= 0)
            {
                continue;
            }

            foreach (var group in entry.Depends)
            {
                var satisfiedBy = group.Select(r => chosen.ContainsKey(r.Name) ? r.Name : provided.Contains(r.Name) ? ProviderName(r.Name) : null).FirstOrDefault(n => n is not null);
                if (satisfiedBy is not null)
                {
                    // Already chosen, perhaps with fewer levels to follow than this path allows.
                    Choose(chosen[satisfiedBy].Entry, remaining == int.MaxValue ? remaining : remaining - 1, requested: false);
                }
                else
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

                    Choose(pick, remaining == int.MaxValue ? remaining : remaining - 1, requested: false);
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
