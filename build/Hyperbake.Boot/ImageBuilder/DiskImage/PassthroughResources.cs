using System.Globalization;
using Hyperbake.Imaging.DeviceTree;

namespace Hyperbake.Boot.ImageBuilder.DiskImage;

/// <summary>
/// What an xl config needs from a DomU's passthrough device tree, as disk_image derives it:
/// <c>iomem</c> from every <c>xen,reg</c> (machine address, size, guest address), <c>dtdev</c> from every
/// <c>xen,path</c> of a node that is not <c>xen,force-assign-without-iommu</c>, and <c>irqs</c> from every
/// <c>interrupts</c> (GIC SPI number + 32). Unlike disk_image, addresses and sizes use all their cells, not
/// only the low 32 bits.
/// </summary>
public sealed record PassthroughResources(IReadOnlyList<string> Iomem, IReadOnlyList<string> DtDevices, IReadOnlyList<uint>? Irqs)
{
    private const int PageShift = 12;

    /// <summary>A GIC SPI number is 32 below its interrupt ID.</summary>
    private const uint SpiBase = 32;

    public static PassthroughResources FromFile(string path, string variable)
    {
        FlattenedDeviceTree tree;
        try
        {
            tree = FlattenedDeviceTree.ReadFile(path);
        }
        catch (DeviceTreeException e)
        {
            throw new ImageBuilderException($"{variable}='{path}' is not a device tree blob ({e.Message}); compile the passthrough .dts with dtc.", e);
        }

        return From(tree, $"{variable} ({path})");
    }

    public static PassthroughResources From(FlattenedDeviceTree tree, string origin)
    {
        var passthrough = tree.FindNode("/passthrough");
        var addressCells = passthrough?.AddressCells ?? 2;
        var sizeCells = passthrough?.SizeCells ?? 1;
        var iomem = new List<string>();
        var devices = new List<string>();
        var irqs = new List<uint>();
        var irqsValid = true;
        foreach (var node in tree.Root.Descendants())
        {
            if (node.FindProperty("xen,reg") is { } reg)
            {
                var cells = reg.AsU32Array();
                var stride = addressCells + sizeCells + addressCells;
                if (cells.Length % stride != 0)
                {
                    throw new ImageBuilderException(
                        $"{origin}: {node.Path} xen,reg has {cells.Length} cells, not a multiple of {stride} (address, size and guest address with /passthrough #address-cells={addressCells}, #size-cells={sizeCells}).");
                }

                for (var i = 0; i < cells.Length; i += stride)
                {
                    var mfn = Combine(cells, i, addressCells) >> PageShift;
                    var pages = Combine(cells, i + addressCells, sizeCells) >> PageShift;
                    var gfn = Combine(cells, i + addressCells + sizeCells, addressCells) >> PageShift;
                    var text = string.Create(CultureInfo.InvariantCulture, $"0x{mfn:X},{pages:X}");
                    iomem.Add(gfn == mfn ? text : string.Create(CultureInfo.InvariantCulture, $"{text}@0x{gfn:X}"));
                }
            }

            if (node.FindProperty("interrupts") is { } interrupts)
            {
                var cells = interrupts.AsU32Array();
                if (cells.Length % 3 != 0)
                {
                    irqsValid = false;
                }
                else
                {
                    for (var i = 0; i < cells.Length; i += 3)
                    {
                        irqs.Add(cells[i + 1] + SpiBase);
                    }
                }
            }

            if (node.FindProperty("xen,path") is { } path && !node.HasProperty("xen,force-assign-without-iommu"))
            {
                devices.Add(path.AsString());
            }
        }

        if (iomem.Count == 0)
        {
            throw new ImageBuilderException(
                $"Error occurred while generating the iomem property: {origin} has no xen,reg property; give each passthrough node xen,reg = <address size guest-address>.");
        }

        return new PassthroughResources(iomem, devices, irqsValid ? irqs : null);
    }

    private static ulong Combine(uint[] cells, int start, int count)
    {
        ulong value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value << 32) | cells[start + i];
        }

        return value;
    }
}
