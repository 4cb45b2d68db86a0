namespace Hyperbake.Imaging.Fat;

/// <summary>The width of a FAT entry, which also decides the on-disk layout.</summary>
public enum FatType
{
    Fat12 = 12,
    Fat16 = 16,
    Fat32 = 32,
}
