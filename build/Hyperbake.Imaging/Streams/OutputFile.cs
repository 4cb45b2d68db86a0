namespace Hyperbake.Imaging.Streams;

/// <summary>
/// How every writer here puts a file on disk: bytes go to a fresh <c>&lt;path&gt;.partial</c>, which
/// takes the final name only when complete, so a failed or killed build never leaves a
/// finished-looking image. The old file is removed before the rename rather than truncated or
/// renamed over: on ext4 either of those makes close or rename write the whole new file back at
/// once (auto_da_alloc), which costs as much as building it.
/// </summary>
public static class OutputFile
{
    /// <summary>The name a file is written under until it is complete.</summary>
    public static string PartialName(string path) => Path.GetFullPath(path) + ".partial";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> and returns what it returns.</summary>
    /// <param name="bufferSize">The <see cref="FileStream"/> buffer; 0 for writers that hand over large blocks themselves.</param>
    public static T Write<T>(string path, int bufferSize, Func<FileStream, T> write)
    {
        var full = Path.GetFullPath(path);
        var partial = PartialName(full);
        try
        {
            File.Delete(partial);
            T result;
            using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize))
            {
                result = write(file);
            }

            File.Delete(full);
            File.Move(partial, full);
            return result;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    public static void Write(string path, int bufferSize, Action<FileStream> write) =>
        Write(path, bufferSize, file =>
        {
            write(file);
            return true;
        });
}
