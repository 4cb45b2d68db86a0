namespace Hyperbake.Toolchains.Debian;

/// <summary>One alternative of a dependency: a package name, an optional version constraint and arch qualifier.</summary>
public sealed record PackageRelation(string Name, string? Operator, string? Version)
{
    /// <summary>Parses a Depends/Pre-Depends field into groups of alternatives ("a (>= 1) | b, c").</summary>
    public static IReadOnlyList<IReadOnlyList<PackageRelation>> ParseField(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return [];
        }

        var groups = new List<IReadOnlyList<PackageRelation>>();
        foreach (var group in field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            groups.Add([.. group.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)]);
        }

        return groups;
    }

    public static PackageRelation Parse(string text)
    {
        var name = text;
        string? op = null, version = null;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            name = text[..open];
            var constraint = text[(open + 1)..text.IndexOf(')', open)].Trim();
            var split = constraint.IndexOfAny(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
            op = split > 0 ? constraint[..split].Trim() : constraint.Split(' ')[0];
            version = split > 0 ? constraint[split..].Trim() : constraint.Split(' ').Last();
        }

        // Arch qualifiers ("[amd64]" only in source packages) and multiarch ":any"/":native" say nothing about which binary to take.
        name = name.Split('[')[0].Trim();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            name = name[..colon];
        }

        return new PackageRelation(name, op, version);
    }

    /// <summary>True when <paramref name="candidate"/> satisfies the version constraint (or there is none).</summary>
    public bool AcceptsVersion(string candidate)
    {
        if (Operator is null || Version is null)
        {
            return true;
        }

        var c = DebianVersion.Compare(candidate, Version);
        return Operator switch
        {
            "=" => c == 0,
            ">=" => c >= 0,
            "<=" => c <= 0,
            ">>" => c > 0,
            "<<" => c < 0,
            _ => true,
        };
    }

    public override string ToString() => Operator is null ? Name : $"{Name} ({Operator} {Version})";
}
