namespace Hyperbake.Imaging.Ext;

/// <summary>Which generation of the ext filesystem to write; each implies a feature set, as <c>mke2fs -t</c> does.</summary>
public enum ExtRevision
{
    /// <summary>No journal, block maps (indirect blocks).</summary>
    Ext2,

    /// <summary>ext2 plus a journal.</summary>
    Ext3,

    /// <summary>Extents, flex_bg, 64bit, huge files and metadata checksums, plus a journal.</summary>
    Ext4,
}
