namespace Hyperbake.Toolchains.Debian;

/// <summary>The fields of a Packages index paragraph that resolving and fetching need.</summary>
/// <param name="RawDepends">Pre-Depends then Depends as written; parsed only for packages a resolution visits.</param>
public sealed record PackageIndexEntry(
    string Name,
    string Version,
    string Architecture,
    string Filename,
    string Sha256,
    long Size,
    string RawDepends,
    IReadOnlyList<string> Provides)
{
    private IReadOnlyList<IReadOnlyList<PackageRelation>>? depends;

    /// <summary>Pre-Depends and Depends as groups of alternatives.</summary>
    public IReadOnlyList<IReadOnlyList<PackageRelation>> Depends => depends ??= PackageRelation.ParseField(RawDepends);
}
