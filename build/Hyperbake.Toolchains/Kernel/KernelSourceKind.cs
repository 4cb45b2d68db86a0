namespace Hyperbake.Toolchains.Kernel;

/// <summary>Where a kernel source tree comes from.</summary>
public enum KernelSourceKind
{
    /// <summary>A Debian <c>linux-source-&lt;version&gt;</c> binary package, pinned in the package lock.</summary>
    Debian,

    /// <summary>A tarball on disk pinned by its sha256.</summary>
    Tarball,

    /// <summary>A git repository at a full commit id.</summary>
    Git,
}
