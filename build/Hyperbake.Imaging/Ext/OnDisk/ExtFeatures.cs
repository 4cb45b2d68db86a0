namespace Hyperbake.Imaging.Ext.OnDisk;

/// <summary>The three feature words of the superblock, chosen per revision like mke2fs.conf's fs_types.</summary>
internal sealed record ExtFeatures(uint Compat, uint Incompat, uint RoCompat)
{
    public const uint CompatHasJournal = 0x4;
    public const uint CompatExtAttr = 0x8;
    public const uint CompatDirIndex = 0x20;

    public const uint IncompatFiletype = 0x2;
    public const uint IncompatExtents = 0x40;
    public const uint Incompat64Bit = 0x80;
    public const uint IncompatFlexBg = 0x200;

    public const uint RoCompatSparseSuper = 0x1;
    public const uint RoCompatLargeFile = 0x2;
    public const uint RoCompatHugeFile = 0x8;
    public const uint RoCompatDirNlink = 0x20;
    public const uint RoCompatExtraIsize = 0x40;
    public const uint RoCompatMetadataCsum = 0x400;

    public bool HasJournal => (Compat & CompatHasJournal) != 0;

    public bool Extents => (Incompat & IncompatExtents) != 0;

    public bool Is64Bit => (Incompat & Incompat64Bit) != 0;

    public bool FlexBg => (Incompat & IncompatFlexBg) != 0;

    public bool MetadataCsum => (RoCompat & RoCompatMetadataCsum) != 0;

    public bool DirNlink => (RoCompat & RoCompatDirNlink) != 0;

    public bool HugeFile => (RoCompat & RoCompatHugeFile) != 0;

    public bool DirIndex => (Compat & CompatDirIndex) != 0;

    /// <summary>mke2fs's base features (without resize_inode, which is optional), plus the revision's own.</summary>
    public static ExtFeatures For(ExtRevision revision, bool sixtyFourBit)
    {
        const uint baseCompat = CompatExtAttr | CompatDirIndex;
        const uint baseRoCompat = RoCompatSparseSuper | RoCompatLargeFile;
        return revision switch
        {
            ExtRevision.Ext2 => new(baseCompat, IncompatFiletype, baseRoCompat),
            ExtRevision.Ext3 => new(baseCompat | CompatHasJournal, IncompatFiletype, baseRoCompat),
            ExtRevision.Ext4 => new(
                baseCompat | CompatHasJournal,
                IncompatFiletype | IncompatExtents | IncompatFlexBg | (sixtyFourBit ? Incompat64Bit : 0),
                baseRoCompat | RoCompatHugeFile | RoCompatDirNlink | RoCompatExtraIsize | RoCompatMetadataCsum),
            _ => throw new ArgumentOutOfRangeException(nameof(revision), revision, "Unknown ext revision."),
        };
    }
}
