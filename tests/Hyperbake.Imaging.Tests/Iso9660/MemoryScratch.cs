namespace Hyperbake.Imaging.Tests.Iso9660;

/// <summary>
/// A scratch folder on tmpfs when the machine has one: xorriso syncs every file it extracts,
/// which turns 5,000 small files into seconds of waiting on a disk.
/// </summary>
internal sealed class MemoryScratch : IDisposable
{
    public MemoryScratch()
    {
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(parent, "hyperbake-iso-" + System.IO.Path.GetRandomFileName());
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
