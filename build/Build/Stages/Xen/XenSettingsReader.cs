using Hyperbake.Model;
using Hyperbake.Model.Yaml;

namespace Build.Stages.Xen;

/// <summary>Reads <see cref="XenSettings"/> strictly: unknown keys and missing values name the file, line and fix.</summary>
public static class XenSettingsReader
{
    public static XenSettings Read(string path, string shownAs)
    {
        var m = YRead.Mapping(YamlLoader.Load(path, shownAs), "the Xen settings");
        YRead.OnlyKeys(m, "the Xen settings", "platforms", "hypervisor-package", "kernel-package", "userland-packages", "board", "guests", "imagebuilder", "disk");
        var what = $"{shownAs}";
        var board = YRead.Mapping(m["board"] ?? throw ModelException.At(m.Mark, $"{what} needs a 'board' section (machine, cpu, memory-mib, cpus, device-tree)."), "'board'");
        YRead.OnlyKeys(board, "'board'", "machine", "cpu", "memory-mib", "cpus", "device-tree", "remove-nodes");
        var guests = m["guests"] as YSequence ?? throw ModelException.At(m.Mark, $"{what} needs 'guests': a list of role, initramfs, poweroff-after.");
        var disk = YRead.Mapping(m["disk"] ?? throw ModelException.At(m.Mark, $"{what} needs a 'disk' section with 'name'."), "'disk'");
        YRead.OnlyKeys(disk, "'disk'", "name");
        var imageBuilder = YRead.Mapping(m["imagebuilder"] ?? throw ModelException.At(m.Mark, $"{what} needs an 'imagebuilder' section (the uboot-script-gen variables)."), "'imagebuilder'");
        return new XenSettings
        {
            SourcePath = path,
            Platforms = YRead.StringList(m, "platforms"),
            HypervisorPackage = YRead.RequiredString(m, "hypervisor-package", what),
            KernelPackage = YRead.RequiredString(m, "kernel-package", what),
            UserlandPackages = YRead.StringList(m, "userland-packages"),
            Board = new XenBoard(
                YRead.RequiredString(board, "machine", "'board'"),
                YRead.RequiredString(board, "cpu", "'board'"),
                YRead.OptionalInt(board, "memory-mib", 2048),
                YRead.OptionalInt(board, "cpus", 2),
                YRead.RequiredString(board, "device-tree", "'board'"),
                YRead.StringList(board, "remove-nodes")),
            Guests = [.. guests.Items.Select(ReadGuest)],
            ImageBuilder = [.. imageBuilder.Entries.Select(e => new KeyValuePair<string, object?>(e.Key, Plain(e.Value)))],
            DiskName = YRead.RequiredString(disk, "name", "'disk'"),
        };
    }

    private static XenGuest ReadGuest(YNode node)
    {
        var g = YRead.Mapping(node, "a guest");
        YRead.OnlyKeys(g, "a guest", "role", "initramfs", "poweroff-after");
        return new XenGuest(YRead.RequiredString(g, "role", "a guest"), YRead.RequiredString(g, "initramfs", "a guest"), YRead.OptionalInt(g, "poweroff-after", 30));
    }

    /// <summary>YAML as plain strings, lists and ordered mappings (what ImageBuilderConfig.FromMapping takes).</summary>
    private static object? Plain(YNode node) => node switch
    {
        YScalar s => s.Value,
        YSequence q => q.Items.Select(Plain).ToList(),
        YMapping m => m.Entries.Select(e => new KeyValuePair<string, object?>(e.Key, Plain(e.Value))).ToList(),
        _ => null,
    };
}
