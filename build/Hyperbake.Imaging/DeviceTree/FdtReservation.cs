namespace Hyperbake.Imaging.DeviceTree;

/// <summary>One entry of the memory reservation block: a physical range the OS must not use.</summary>
public readonly record struct FdtReservation(ulong Address, ulong Size)
{
    /// <summary>Each entry is two big-endian 64-bit words; a (0, 0) entry ends the block.</summary>
    public const int EntrySize = 16;
}
