namespace Hyperbake.Cache.Store;

/// <summary>How a cached output is put into the output folder (<c>Cache_Link</c>).</summary>
public enum LinkMode
{
    /// <summary>A reflink when the file system shares extents (btrfs, XFS), else a sparse copy of the data extents.</summary>
    Auto,

    /// <summary>Always a sparse copy of the data extents.</summary>
    Copy,

    /// <summary>
    /// A hard link to the read-only blob (no bytes copied, falling back to a copy across file systems).
    /// Whatever writes into the output then writes into the cache: the damage is detected on the next
    /// restore and the entry rebuilt, so choose it only for outputs nothing modifies.
    /// </summary>
    HardLink,
}
