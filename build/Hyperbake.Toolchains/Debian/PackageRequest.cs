namespace Hyperbake.Toolchains.Debian;

/// <summary>
/// A package a recipe names, with how deep its dependencies are followed: null = all (userland),
/// 0 = the package alone (files taken out of it, e.g. GRUB's EFI modules), 1 = its direct dependencies
/// (a kernel meta-package and the linux-image-&lt;version&gt; it names, without kmod and initramfs-tools).
/// </summary>
public sealed record PackageRequest(string Name, int? MaxDepth = null)
{
    public static implicit operator PackageRequest(string name) => new(name);

    public override string ToString() => MaxDepth is null ? Name : $"{Name} (depth {MaxDepth})";
}
