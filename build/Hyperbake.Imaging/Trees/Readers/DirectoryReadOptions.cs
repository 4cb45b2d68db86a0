namespace Hyperbake.Imaging.Trees.Readers;

/// <summary>How a host directory is read into a file tree.</summary>
public sealed record DirectoryReadOptions
{
    /// <summary>Read extended attributes (Linux only; filesystems without them give none).</summary>
    public bool ReadXattrs { get; init; } = true;

    /// <summary>Give every entry this owner instead of the one on disk (files built by a non-root user that must be root's in the image).</summary>
    public (int Uid, int Gid)? Owner { get; init; }

    /// <summary>Clamp modification times to at most this value (SOURCE_DATE_EPOCH), as reproducible builds do.</summary>
    public long? ClampModificationTime { get; init; }
}
