namespace Hyperbake.Imaging.DeviceTree;

/// <summary>
/// An in-memory device tree: the memory reservations, the boot CPU and the node tree.
/// Read it with <see cref="Read(ReadOnlySpan{byte})"/>, edit it with the path helpers (which
/// behave like <c>fdtput</c>/<c>fdtget</c>), write it with <see cref="ToBytes"/>.
/// </summary>
public sealed class FlattenedDeviceTree
{
    public FlattenedDeviceTree()
    {
        Root = new DeviceTreeNode(string.Empty);
    }

    internal FlattenedDeviceTree(DeviceTreeNode root)
    {
        Root = root;
    }

    public DeviceTreeNode Root { get; }

    public List<FdtReservation> Reservations { get; } = [];

    public uint BootCpuIdPhysical { get; set; }

    public static FlattenedDeviceTree Read(ReadOnlySpan<byte> blob) => FdtReader.Read(blob);

    public static FlattenedDeviceTree ReadFile(string path)
    {
        try
        {
            return FdtReader.Read(File.ReadAllBytes(path));
        }
        catch (DeviceTreeException e)
        {
            throw new DeviceTreeException($"{path}: {e.Message}", e);
        }
    }

    public byte[] ToBytes(FdtWriterOptions? options = null) => FdtWriter.Write(this, options ?? FdtWriterOptions.Default);

    public void WriteFile(string path, FdtWriterOptions? options = null) => File.WriteAllBytes(path, ToBytes(options));

    // ---- fdtget-style lookups -------------------------------------------------------------

    public DeviceTreeNode? FindNode(string path)
    {
        var node = Root;
        foreach (var part in DeviceTreeNames.SplitPath(path))
        {
            node = node.FindChild(part);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public DeviceTreeNode GetNode(string path) =>
        FindNode(path) ?? throw new DeviceTreeException($"The device tree has no node {path}.");

    public DeviceTreeProperty? FindProperty(string path, string name) => FindNode(path)?.FindProperty(name);

    public DeviceTreeProperty GetProperty(string path, string name) => GetNode(path).GetProperty(name);

    // ---- fdtput-style edits ---------------------------------------------------------------

    /// <summary>
    /// Returns the node at <paramref name="path"/>, creating it and any missing parents (like
    /// <c>fdtput -p</c>). New nodes go where <paramref name="placement"/> says.
    /// </summary>
    public DeviceTreeNode GetOrCreateNode(string path, Placement placement = Placement.Last)
    {
        var node = Root;
        foreach (var part in DeviceTreeNames.SplitPath(path))
        {
            node = node.FindChild(part) ?? node.AddChild(part, placement);
        }

        return node;
    }

    /// <summary>Creates one node under an existing parent (like <c>fdtput -c</c> / U-Boot <c>fdt mknod</c>).</summary>
    public DeviceTreeNode CreateNode(string parentPath, string name, Placement placement = Placement.Last) =>
        GetNode(parentPath).AddChild(name, placement);

    public DeviceTreeProperty SetProperty(string path, string name, ReadOnlySpan<byte> value, bool createPath = false, Placement placement = Placement.Last)
    {
        var node = createPath ? GetOrCreateNode(path, placement) : GetNode(path);
        return node.SetProperty(name, value, placement);
    }

    public bool RemoveNode(string path)
    {
        var node = FindNode(path);
        if (node?.Parent is null)
        {
            return false;
        }

        return node.Parent.RemoveChild(node.Name);
    }

    public bool RemoveProperty(string path, string name) => FindNode(path)?.RemoveProperty(name) ?? false;

    /// <summary>The largest phandle in use, so new ones can be allocated without clashes.</summary>
    public uint MaxPhandle() => Root.Descendants().Select(n => n.Phandle ?? 0).DefaultIfEmpty(0u).Max();
}
