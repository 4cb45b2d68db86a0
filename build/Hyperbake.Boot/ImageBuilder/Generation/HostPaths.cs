namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>The path arithmetic ImageBuilder does with realpath.</summary>
internal static class HostPaths
{
    /// <summary><c>realpath</c>: absolute, with every symbolic link resolved.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        var hops = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.Exists || Directory.Exists(next))
            {
                FileSystemInfo fsi = Directory.Exists(next) ? new DirectoryInfo(next) : info;
                if (fsi.LinkTarget is { } target)
                {
                    if (++hops > 40)
                    {
                        throw new ImageBuilderException($"Too many levels of symbolic links in {path}.");
                    }

                    var resolved = Path.GetFullPath(Path.Combine(current, target));
                    var rest = string.Join('/', parts.Skip(i + 1));
                    return RealPath(rest.Length == 0 ? resolved : Path.Combine(resolved, rest));
                }
            }

            current = next;
        }

        return current;
    }

    /// <summary>
    /// ImageBuilder's load-line path: <c>realpath --no-symlinks FILE</c> (FILE relative to the
    /// directory) with the directory's real path and '/' removed from the front.
    /// </summary>
    public static string RelativePath(string directoryReal, string file)
    {
        var absolute = Path.GetFullPath(Path.Combine(directoryReal, file));
        var prefix = directoryReal.EndsWith('/') ? directoryReal : directoryReal + "/";
        return absolute.StartsWith(prefix, StringComparison.Ordinal) ? absolute[prefix.Length..] : absolute;
    }
}
