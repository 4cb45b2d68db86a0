namespace Hyperbake.Toolchains.Debian;

/// <summary>How far dependencies are followed when resolving.</summary>
public sealed record ResolveOptions
{
    /// <summary>
    /// How many levels of Depends/Pre-Depends to follow: null = all (a userland), 0 = only the named packages,
    /// 1 = their direct dependencies (a kernel meta-package and its linux-image-&lt;version&gt;, without kmod and initramfs-tools).
    /// </summary>
    public int? MaxDepth { get; init; }

    /// <summary>Packages never pulled in as dependencies (e.g. "initramfs-tools" when the image builds its own initrd).</summary>
    public IReadOnlySet<string> Excluded { get; init; } = new HashSet<string>();
}
