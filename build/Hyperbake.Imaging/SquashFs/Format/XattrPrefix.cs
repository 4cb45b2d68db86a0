namespace Hyperbake.Imaging.SquashFs.Format;

/// <summary>The xattr name prefixes squashfs stores as a type number.</summary>
internal enum XattrPrefix : ushort
{
    User = 0,
    Trusted = 1,
    Security = 2,
}
