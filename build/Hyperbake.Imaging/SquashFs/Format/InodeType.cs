namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>Inode types; the extended ("L") forms are the basic ones plus 7.</summary>
internal enum InodeType : ushort
{
    Directory = 1,
    File = 2,
    Symlink = 3,
    BlockDevice = 4,
    CharDevice = 5,
    Fifo = 6,
    Socket = 7,
    ExtendedDirectory = 8,
    ExtendedFile = 9,
    ExtendedSymlink = 10,
    ExtendedBlockDevice = 11,
    ExtendedCharDevice = 12,
    ExtendedFifo = 13,
    ExtendedSocket = 14,
}
