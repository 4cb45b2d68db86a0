namespace Hyperbake.Imaging.DeviceTree;

/// <summary>
/// Where a new property or child node goes among its siblings. libfdt (and so U-Boot's
/// <c>fdt set</c>/<c>fdt mknod</c> and <c>fdtput</c>) inserts new properties and subnodes
/// <em>first</em>; dtc keeps source order, which is <see cref="Last"/>.
/// </summary>
public enum Placement
{
    Last,
    First,
}
