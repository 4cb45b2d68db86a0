namespace Hyperbake.Imaging.Trees;

/// <summary>
/// The path rules every reader and writer shares: relative, '/'-separated, no empty, "." or ".."
/// components. Archive entries that break them are rejected, never "cleaned", so nothing can
/// escape the root.
/// </summary>
public static class FileTreePath
{
    /// <summary>Splits a path into components, rejecting anything that could escape the root.</summary>
    /// <param name="path">The path as an archive or a user wrote it.</param>
    /// <param name="origin">Where the path came from, named in the error (an archive, a layout file).</param>
    public static string[] Split(string path, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var where = origin is null ? "" : $" in {origin}";
        if (path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':'))
        {
            throw new FileTreeException($"Entry '{path}'{where} is an absolute path; entries must be relative to the root.");
        }

        if (path.Contains('\0'))
        {
            throw new FileTreeException($"Entry '{path.Replace("\0", "\\0")}'{where} contains a NUL character.");
        }

        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                throw new FileTreeException($"Entry '{path}'{where} contains '..'; entries may not leave the root.");
            }

            parts.Add(part);
        }

        return [.. parts];
    }

    /// <summary>The canonical form: components joined by '/', "" for the root.</summary>
    public static string Normalize(string path, string? origin = null) => string.Join('/', Split(path, origin));
}
