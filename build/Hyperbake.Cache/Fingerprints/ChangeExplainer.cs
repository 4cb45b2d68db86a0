namespace Hyperbake.Cache.Fingerprints;

/// <summary>Compares the inputs of this build with the last one of the same instance: what was added, removed or changed.</summary>
public static class ChangeExplainer
{
    public static IReadOnlyList<string> Explain(IReadOnlyCollection<FingerprintInput>? previous, IReadOnlyCollection<FingerprintInput> current)
    {
        if (previous is null)
        {
            return ["no earlier build of this task instance is recorded"];
        }

        var before = previous.DistinctBy(i => i.Kind + ":" + i.Name).ToDictionary(i => i.Kind + ":" + i.Name, StringComparer.Ordinal);
        var after = current.ToDictionary(i => i.Kind + ":" + i.Name, StringComparer.Ordinal);
        var reasons = new List<string>();
        foreach (var (key, input) in after.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!before.TryGetValue(key, out var old))
            {
                reasons.Add($"new {input.Kind} {input.Name}");
            }
            else if (old.Hash != input.Hash)
            {
                reasons.Add(old.Shown is not null && input.Shown is not null
                    ? $"{input.Kind} {input.Name} changed ({old.Shown} -> {input.Shown})"
                    : $"{input.Kind} {input.Name} changed");
            }
        }

        foreach (var key in before.Keys.Except(after.Keys).Order(StringComparer.Ordinal))
        {
            reasons.Add($"{before[key].Kind} {before[key].Name} removed");
        }

        return reasons;
    }
}
