namespace Hyperbake.Toolchains.Processes;

/// <summary>
/// The invoking user's uid and gid, so step outputs belong to whoever runs the build.
/// Read from /proc/self/status (the real ids), which needs no native interop.
/// </summary>
public static class UnixUser
{
    private static readonly Lazy<(int Uid, int Gid)> Ids = new(Read);

    public static int Uid => Ids.Value.Uid;

    public static int Gid => Ids.Value.Gid;

    private static (int, int) Read()
    {
        int uid = -1, gid = -1;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                uid = FirstNumber(line);
            }
            else if (line.StartsWith("Gid:", StringComparison.Ordinal))
            {
                gid = FirstNumber(line);
            }
        }

        if (uid < 0 || gid < 0)
        {
            throw new InvalidOperationException("Cannot read the invoking uid/gid from /proc/self/status; Hyperbake's toolchains need Linux.");
        }

        return (uid, gid);
    }

    private static int FirstNumber(string line) =>
        int.Parse(line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
