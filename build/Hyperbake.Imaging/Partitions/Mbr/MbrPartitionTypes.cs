namespace Hyperbake.Imaging.Partitions.Mbr;

/// <summary>Well-known MBR partition type bytes.</summary>
public static class MbrPartitionTypes
{
    public const byte Empty = 0x00;
    public const byte Fat12 = 0x01;
    public const byte Fat16 = 0x06;
    public const byte Ntfs = 0x07;
    public const byte MicrosoftBasicData = 0x07;
    public const byte Fat32Chs = 0x0B;
    public const byte Fat32Lba = 0x0C;
    public const byte Fat16Lba = 0x0E;
    public const byte LinuxSwap = 0x82;
    public const byte Linux = 0x83;
    public const byte LinuxLvm = 0x8E;
    public const byte LinuxRaid = 0xFD;
    public const byte GptProtective = 0xEE;
    public const byte EfiSystem = 0xEF;
}
