namespace Hyperbake.Imaging.DeviceTree;

/// <summary>Name rules shared by the tree model and the path helpers.</summary>
internal static class DeviceTreeNames
{
    public static void ValidatePropertyName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0') || name.Contains('/'))
        {
            throw new DeviceTreeException($"'{name}' is not a valid property name: it must be non-empty and contain neither '/' nor NUL.");
        }
    }

    public static void ValidateNodeName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0') || name.Contains('/'))
        {
            throw new DeviceTreeException($"'{name}' is not a valid node name: it must be non-empty and contain neither '/' nor NUL.");
        }
    }

    /// <summary>Splits "/a/b@1/c" into its components; "/" gives none.</summary>
    public static string[] SplitPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            throw new DeviceTreeException($"'{path}' is not an absolute device tree path; paths start with '/'.");
        }

        return path.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }
}
