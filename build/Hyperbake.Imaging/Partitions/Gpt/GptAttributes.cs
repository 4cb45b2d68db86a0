namespace Hyperbake.Imaging.Partitions.Gpt;

/// <summary>The 64-bit GPT partition attribute field: bits 0–2 defined by UEFI, 48–63 type-specific.</summary>
public static class GptAttributes
{
    /// <summary>Bit 0: the platform needs this partition to function.</summary>
    public const ulong RequiredPartition = 1UL << 0;

    /// <summary>Bit 1: firmware must not produce a block I/O protocol for it.</summary>
    public const ulong NoBlockIoProtocol = 1UL << 1;

    /// <summary>Bit 2: legacy BIOS bootable (EVE sets it on the ESP).</summary>
    public const ulong LegacyBiosBootable = 1UL << 2;

    /// <summary>Places a 16-bit type-specific value in bits 48–63 (e.g. cgpt/gptprio priority, tries, successful).</summary>
    public static ulong TypeSpecific(ushort value) => (ulong)value << 48;

    /// <summary>
    /// The CoreOS gptprio / ChromeOS cgpt fields used for A/B boot: priority (bits 48–51),
    /// tries left (52–55) and successful (56). EVE's bootable rootfs is priority 2, successful.
    /// </summary>
    public static ulong GptPrio(int priority, int triesLeft, bool successful)
    {
        if (priority is < 0 or > 15 || triesLeft is < 0 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), $"gptprio priority and tries are 0..15; got priority {priority}, tries {triesLeft}.");
        }

        return TypeSpecific((ushort)(priority | (triesLeft << 4) | (successful ? 1 << 8 : 0)));
    }
}
