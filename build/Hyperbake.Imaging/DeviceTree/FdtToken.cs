namespace Hyperbake.Imaging.DeviceTree;

/// <summary>The 32-bit tokens of the structure block.</summary>
public enum FdtToken : uint
{
    BeginNode = 1,
    EndNode = 2,
    Property = 3,
    Nop = 4,
    End = 9,
}
