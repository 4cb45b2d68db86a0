namespace Hyperbake.Cache.Store;

/// <summary>An exclusive lock on a file (flock on Unix), held while the returned object lives; other processes see it at once.</summary>
public static class StoreLock
{
    /// <summary>The lock, or null when another process holds it.</summary>
    public static IDisposable? TryTake(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
