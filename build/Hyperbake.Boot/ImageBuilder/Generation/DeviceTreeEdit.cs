using Hyperbake.Imaging.DeviceTree;

namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>The value kinds of ImageBuilder's dt_set.</summary>
public enum DeviceTreeValueKind
{
    /// <summary>Cells written as given (<c>&lt;0x0 0xE00000 … &gt;</c>); fdtput parses them as hex.</summary>
    Hex,

    /// <summary>Cells written as given (<c>&lt;0 524288&gt;</c>); fdtput parses them as C integers.</summary>
    Int,

    /// <summary>One string.</summary>
    String,

    /// <summary>A string list, one item per whitespace-separated word.</summary>
    StringList,

    /// <summary>An empty property, set only when the data is the integer 1.</summary>
    Bool,
}

/// <summary>
/// One device tree change ImageBuilder makes: rendered as an <c>fdt</c> line for U-Boot to run,
/// or applied to a blob at build time (as its FDTEDIT does with <c>fdtput -p</c>).
/// </summary>
public abstract record DeviceTreeEdit(string Path)
{
    /// <summary>The boot.source line, or null when this edit writes no line.</summary>
    public abstract string? ScriptLine { get; }

    /// <summary>
    /// Applies the edit as <c>fdtput -p</c> (missing nodes created) with libfdt's placement
    /// (new nodes and properties first). <paramref name="escapedNames"/> reproduces
    /// ImageBuilder's FDTEDIT outside FIT mode, where the <c>\#</c> escape leaks into the name.
    /// </summary>
    public abstract void Apply(FlattenedDeviceTree tree, bool escapedNames);

    /// <summary>ImageBuilder escapes the first '#' of a property name for U-Boot's shell.</summary>
    public static string EscapeName(string name)
    {
        var at = name.IndexOf('#', StringComparison.Ordinal);
        return at < 0 ? name : name[..at] + "\\#" + name[(at + 1)..];
    }
}

/// <summary><c>fdt mknod PATH NAME</c>.</summary>
public sealed record MakeNodeEdit(string Path, string Name) : DeviceTreeEdit(Path)
{
    public override string ScriptLine => $"fdt mknod {Path} {Name}";

    public override void Apply(FlattenedDeviceTree tree, bool escapedNames)
    {
        var parent = tree.GetOrCreateNode(Path, Placement.First);
        _ = parent.FindChild(Name) ?? parent.AddChild(Name, Placement.First);
    }
}

/// <summary><c>fdt set PATH NAME VALUE</c> as ImageBuilder's dt_set writes it.</summary>
public sealed record SetPropertyEdit(string Path, string Name, DeviceTreeValueKind Kind, string Data) : DeviceTreeEdit(Path)
{
    private static readonly char[] Blanks = [' ', '\t', '\n'];

    public override string? ScriptLine
    {
        get
        {
            var name = EscapeName(Name);
            return Kind switch
            {
                DeviceTreeValueKind.Hex or DeviceTreeValueKind.Int => $"fdt set {Path} {name} <{Data}>",
                DeviceTreeValueKind.StringList => $"fdt set {Path} {name} {string.Concat(Words.Select(w => $" \"{w}\""))}",
                DeviceTreeValueKind.Bool => IsOne(Data) ? $"fdt set {Path} {name}" : null,
                _ => $"fdt set {Path} {name} \"{Data}\"",
            };
        }
    }

    private string[] Words => Data.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);

    public override void Apply(FlattenedDeviceTree tree, bool escapedNames)
    {
        if (Kind == DeviceTreeValueKind.Bool && !IsOne(Data))
        {
            return;
        }

        var value = Kind switch
        {
            DeviceTreeValueKind.Hex => FdtPutValue.Encode('x', Words),
            DeviceTreeValueKind.Int => FdtPutValue.Encode('i', Words),
            DeviceTreeValueKind.StringList => FdtPutValue.Encode('s', Words),
            DeviceTreeValueKind.Bool => [],
            _ => FdtPutValue.Encode('s', [Data]),
        };
        var node = tree.GetOrCreateNode(Path, Placement.First);
        node.SetProperty(escapedNames ? EscapeName(Name) : Name, value, Placement.First);
    }

    /// <summary>bash <c>test "$data" -eq 1</c>.</summary>
    private static bool IsOne(string data) => long.TryParse(data.Trim(), out var v) && v == 1;
}
