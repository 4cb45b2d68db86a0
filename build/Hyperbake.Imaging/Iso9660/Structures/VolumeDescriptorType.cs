namespace Hyperbake.Imaging.Iso9660.Structures;

/// <summary>ECMA-119 8.1.1: the first byte of every volume descriptor.</summary>
internal enum VolumeDescriptorType : byte
{
    BootRecord = 0,
    Primary = 1,
    Supplementary = 2,
    SetTerminator = 255,
}
