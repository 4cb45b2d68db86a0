namespace Hyperbake.Boot.ImageBuilder.Generation;

/// <summary>
/// Writes a set of outputs all or nothing: each goes to a temporary name next to its target,
/// and only when every one is written are they renamed into place.
/// </summary>
internal static class OutputCommit
{
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<GeneratedFile> files, IReadOnlyList<string> removals)
    {
        var staged = new List<(string Temp, string Final)>();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var final = Path.GetFullPath(Path.Combine(directory, files[i].RelativePath));
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                var temp = $"{final}.hyperbake-{Environment.ProcessId}-{i}.tmp";
                File.WriteAllBytes(temp, files[i].Content);
                staged.Add((temp, final));
            }
        }
        catch
        {
            foreach (var (temp, _) in staged)
            {
                File.Delete(temp);
            }

            throw;
        }

        foreach (var (temp, final) in staged)
        {
            File.Move(temp, final, overwrite: true);
        }

        foreach (var r in removals)
        {
            var full = Path.GetFullPath(Path.Combine(directory, r));
            if (File.Exists(full))
            {
                File.Delete(full);
            }
        }

        return staged.Select(s => s.Final).ToList();
    }
}
