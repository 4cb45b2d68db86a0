namespace Hyperbake.Imaging.Archives.Compression;

/// <summary>The compressions an archive reader recognises by magic number.</summary>
public enum ArchiveCompression
{
    None,
    Gzip,
    Bzip2,
}
