namespace Hyperbake.Cache;

/// <summary>Writes that are never seen half-done: a temp name in the same folder, then a rename.</summary>
public static class AtomicFile
{
    public static string TempNameFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = TempNameFor(path);
        try
        {
            using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                f.Write(bytes);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Runs <paramref name="write"/> against a temp path and renames it to <paramref name="path"/> only if it succeeds.</summary>
    public static void Write(string path, Action<string> write)
    {
        var temp = TempNameFor(path);
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
