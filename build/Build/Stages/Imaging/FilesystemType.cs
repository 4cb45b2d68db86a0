namespace Build.Stages.Imaging;

/// <summary>The images the Filesystem target (and a layout's <c>filesystem:</c>) can write.</summary>
public enum FilesystemType
{
    /// <summary>FAT, its width chosen by size as mkfs.vfat does.</summary>
    Fat,
    Fat12,
    Fat16,
    Fat32,
    Squashfs,
    Ext2,
    Ext3,
    Ext4,
    Iso,
    Tar,
    Cpio,
}
