namespace Hyperbake.Toolchains.Debian;

/// <summary>A suite's <c>Release</c> file: the SHA256 and size of every index it lists.</summary>
public sealed class ReleaseFile
{
    private readonly Dictionary<string, (string Sha256, long Size)> files = new(StringComparer.Ordinal);

    public static ReleaseFile Parse(string text, string origin)
    {
        var release = new ReleaseFile();
        var stanza = ControlFile.Parse(text, origin).FirstOrDefault() ?? throw new FormatException($"{origin} is empty.");
        foreach (var line in (stanza.Get("SHA256") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && long.TryParse(parts[1], out var size))
            {
                release.files[parts[2]] = (parts[0], size);
            }
        }

        return release;
    }

    public (string Sha256, long Size)? Find(string path) => files.TryGetValue(path, out var f) ? f : null;
}
