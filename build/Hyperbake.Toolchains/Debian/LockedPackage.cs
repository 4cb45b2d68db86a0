namespace Hyperbake.Toolchains.Debian;

/// <summary>A Debian binary package pinned by version and content: what the lock file holds for each suite/arch/package.</summary>
/// <param name="Filename">The pool path on the mirror (<c>pool/main/b/busybox/…deb</c>).</param>
/// <param name="Depends">The packages that satisfied its Depends/Pre-Depends when it was resolved.</param>
/// <param name="Requested">Named by a recipe (rather than pulled in as a dependency).</param>
public sealed record LockedPackage(
    string Suite,
    string Architecture,
    string Name,
    string Version,
    string Filename,
    string Sha256,
    long Size,
    IReadOnlyList<string> Depends,
    bool Requested)
{
    public override string ToString() => $"{Name} {Version} ({Suite}/{Architecture})";
}
