namespace Build.Stages.Live;

/// <summary><c>live.img</c>, a symlink to the live image built last (as EVE's Makefile leaves it), replaced atomically.</summary>
public static class LiveImageLink
{
    public const string Name = "live.img";

    public static void PointAt(string dist, string target)
    {
        var link = Path.Combine(dist, Name);
        // Unique per call: the disk tasks of one run repoint the link in parallel.
        var temp = Path.Combine(dist, $".{Name}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(temp, Path.GetFileName(target));
        File.Move(temp, link, overwrite: true);
    }
}
