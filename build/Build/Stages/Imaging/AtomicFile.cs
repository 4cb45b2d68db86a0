namespace Build.Stages.Imaging;

/// <summary>Writes an output under a temporary name beside it and renames it when complete, so a failure leaves nothing behind.</summary>
public static class AtomicFile
{
    /// <summary>The temporary name a write in progress uses.</summary>
    public static string PartialName(string path) => Path.GetFullPath(path) + ".partial";

    public static void Write(string path, Action<FileStream> write)
    {
        var full = Path.GetFullPath(path);
        var partial = PartialName(full);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            // Unbuffered: the writers hand over large blocks and seek.
            using (var file = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
            {
                write(file);
            }

            File.Move(partial, full, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the output's folder in place (squashfs keeps its build
    /// there); a folder made here is removed again when the work fails and left it empty.
    /// </summary>
    public static T InOutputFolder<T>(string path, Func<T> work)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var created = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        try
        {
            return work();
        }
        catch
        {
            if (created && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }

            throw;
        }
    }

    /// <summary>Checks that <paramref name="path"/> can be an output file (its folder is created when written).</summary>
    public static string PrepareOutput(string key, string given, string path, OptionSpelling spelling)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ImagingInputException($"{spelling.Given(key, given)} is a folder. Give the name of the image file to write, e.g. {spelling.Suggest(key, Path.Combine(given, "disk.img"))}.");
        }

        return full;
    }
}
