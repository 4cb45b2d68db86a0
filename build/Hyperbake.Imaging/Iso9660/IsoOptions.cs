namespace Hyperbake.Imaging.Iso9660;

/// <summary>What goes into an ISO 9660 image besides the files.</summary>
public sealed class IsoOptions
{
    /// <summary>
    /// The volume identifier (what <c>blkid</c> shows as LABEL and <c>root=LABEL=</c> matches):
    /// upper-cased to d-characters (A-Z, 0-9, _) in the primary descriptor, as given (first 16
    /// characters) in Joliet. At most 32 characters.
    /// </summary>
    public string VolumeLabel { get; init; } = "ISOIMAGE";

    /// <summary>SOURCE_DATE_EPOCH: every volume date and directory record date (Rock Ridge TF uses each node's mtime).</summary>
    public long SourceDateEpoch { get; init; }

    public string SystemIdentifier { get; init; } = "";

    public string PublisherIdentifier { get; init; } = "";

    public string DataPreparerIdentifier { get; init; } = "";

    public string ApplicationIdentifier { get; init; } = "";

    /// <summary>Rock Ridge: POSIX names, modes, owners, link counts, symlinks, devices and mtimes.</summary>
    public bool RockRidge { get; init; } = true;

    /// <summary>A Joliet (UCS-2) directory tree for readers without Rock Ridge, e.g. Windows.</summary>
    public bool Joliet { get; init; } = true;

    /// <summary>Boot entries; null for a data-only disc.</summary>
    public ElToritoOptions? ElTorito { get; init; }
}
