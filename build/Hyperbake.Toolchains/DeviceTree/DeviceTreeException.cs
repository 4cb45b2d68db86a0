namespace Hyperbake.Toolchains.DeviceTree;

/// <summary>A device tree that does not compile, naming the original source file and line (not the preprocessed one).</summary>
public sealed class DeviceTreeException(string file, int line, string detail, Exception? inner = null)
    : Exception($"{file}:{line}: {detail}", inner)
{
    public string File => file;

    public int Line => line;

    public string Detail => detail;
}
