namespace Hyperbake.Imaging.Disks;

/// <summary>How a disk's partitions are described.</summary>
public enum PartitionTableType
{
    /// <summary>GUID partition table behind a protective MBR.</summary>
    Gpt,

    /// <summary>Classic MBR with up to four primary partitions.</summary>
    Mbr,

    /// <summary>GPT plus an MBR that mirrors up to three GPT partitions next to the 0xEE entry (legacy BIOS, Raspberry Pi).</summary>
    Hybrid,
}
