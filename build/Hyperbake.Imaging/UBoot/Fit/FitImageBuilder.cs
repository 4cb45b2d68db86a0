using Hyperbake.Imaging.DeviceTree;

namespace Hyperbake.Imaging.UBoot.Fit;

/// <summary>
/// Turns a <see cref="FitImage"/> into a device tree blob the way <c>mkimage -f</c> does:
/// the nodes in source order, then the computed hash <c>value</c>s and the root
/// <c>timestamp</c> (from SOURCE_DATE_EPOCH), which libfdt inserts as first properties.
/// </summary>
public static class FitImageBuilder
{
    public static FlattenedDeviceTree BuildTree(FitImage fit, long sourceDateEpoch)
    {
        if (fit.AddressCells is not (1 or 2))
        {
            throw new ArgumentException($"FIT #address-cells must be 1 or 2, not {fit.AddressCells}.");
        }

        if (sourceDateEpoch is < 0 or > uint.MaxValue)
        {
            throw new ArgumentException($"SOURCE_DATE_EPOCH {sourceDateEpoch} does not fit the 32-bit FIT timestamp.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in fit.Images)
        {
            if (!names.Add(image.Name))
            {
                throw new ArgumentException($"The FIT has two images called '{image.Name}'; image names must be unique.");
            }
        }

        foreach (var c in fit.Configurations)
        {
            foreach (var reference in new[] { c.Kernel, c.Ramdisk, c.Fpga }.Concat(c.Fdt).Concat(c.Loadables))
            {
                if (reference is not null && !names.Contains(reference))
                {
                    throw new ArgumentException($"FIT configuration '{c.Name}' names image '{reference}', which is not in /images.");
                }
            }
        }

        var tree = new FlattenedDeviceTree();
        var root = tree.Root;
        if (fit.Description is not null)
        {
            root.SetString("description", fit.Description);
        }

        root.SetU32("#address-cells", (uint)fit.AddressCells);
        var images = root.AddChild("images");
        foreach (var image in fit.Images)
        {
            AddImage(images, image, fit.AddressCells);
        }

        var configurations = root.AddChild("configurations");
        if (fit.DefaultConfiguration is not null)
        {
            configurations.SetString("default", fit.DefaultConfiguration);
        }

        foreach (var c in fit.Configurations)
        {
            var node = configurations.AddChild(c.Name);
            SetIf(node, "description", c.Description);
            SetIf(node, "kernel", c.Kernel);
            if (c.Fdt.Count > 0)
            {
                node.SetStrings("fdt", [.. c.Fdt]);
            }

            SetIf(node, "ramdisk", c.Ramdisk);
            SetIf(node, "fpga", c.Fpga);
            if (c.Loadables.Count > 0)
            {
                node.SetStrings("loadables", [.. c.Loadables]);
            }
        }

        root.SetProperty("timestamp", DeviceTreeProperty.EncodeU32([(uint)sourceDateEpoch]), Placement.First);
        return tree;
    }

    public static byte[] Build(FitImage fit, long sourceDateEpoch, FdtWriterOptions? options = null) =>
        BuildTree(fit, sourceDateEpoch).ToBytes(options);

    private static void AddImage(DeviceTreeNode images, FitImageEntry image, int addressCells)
    {
        var node = images.AddChild(image.Name);
        SetIf(node, "description", image.Description);
        node.SetProperty("data", image.Data);
        node.SetString("type", image.Type);
        SetIf(node, "arch", image.Architecture);
        SetIf(node, "os", image.Os);
        node.SetString("compression", image.Compression);
        SetIf(node, "compatible", image.Compatible);
        if (image.Load is { } load)
        {
            node.SetProperty("load", Address(load, addressCells, image.Name));
        }

        if (image.Entry is { } entry)
        {
            node.SetProperty("entry", Address(entry, addressCells, image.Name));
        }

        foreach (var hash in image.Hashes)
        {
            var h = node.AddChild(hash.NodeName);
            h.SetString("algo", hash.AlgorithmName);
            h.SetProperty("value", hash.Compute(image.Data), Placement.First);
        }
    }

    private static byte[] Address(ulong value, int cells, string image)
    {
        if (cells == 1)
        {
            if (value > uint.MaxValue)
            {
                throw new ArgumentException($"FIT image '{image}': address 0x{value:x} needs #address-cells = <2>.");
            }

            return DeviceTreeProperty.EncodeU32([(uint)value]);
        }

        return DeviceTreeProperty.EncodeU32([(uint)(value >> 32), (uint)value]);
    }

    private static void SetIf(DeviceTreeNode node, string name, string? value)
    {
        if (value is not null)
        {
            node.SetString(name, value);
        }
    }
}
