namespace Hyperbake.Imaging.Archives.Tar;

/// <summary>The typeflag byte of a tar header (POSIX ustar plus the GNU and PAX extensions).</summary>
public static class TarEntryType
{
    public const byte RegularFile = (byte)'0';
    public const byte OldRegularFile = 0;
    public const byte HardLink = (byte)'1';
    public const byte Symlink = (byte)'2';
    public const byte CharDevice = (byte)'3';
    public const byte BlockDevice = (byte)'4';
    public const byte Directory = (byte)'5';
    public const byte Fifo = (byte)'6';
    public const byte ContiguousFile = (byte)'7';

    /// <summary>PAX extended header for the next entry.</summary>
    public const byte PaxExtended = (byte)'x';

    /// <summary>PAX global header for all following entries.</summary>
    public const byte PaxGlobal = (byte)'g';

    /// <summary>GNU: the data is the next entry's name (entry named <c>././@LongLink</c>).</summary>
    public const byte GnuLongName = (byte)'L';

    /// <summary>GNU: the data is the next entry's link target.</summary>
    public const byte GnuLongLink = (byte)'K';

    public const byte GnuDumpDir = (byte)'D';
    public const byte GnuSparse = (byte)'S';
    public const byte GnuVolumeHeader = (byte)'V';
    public const byte GnuMultiVolume = (byte)'M';
}
