using System.Text;

namespace Build.Tests.Imaging;

/// <summary>
/// A small folder with the cases image writers get wrong: a 200-character name, non-ASCII names,
/// names differing only in case, an empty file, a symlink, a deep path and a file over 64 KiB.
/// </summary>
internal static class AwkwardFolder
{
    public const string LongName = "a-very-long-file-name-that-goes-on-and-on-";

    public static string LongFileName { get; } = (LongName + new string('x', 200))[..196] + ".txt";

    /// <summary>Creates the folder; <paramref name="caseTwins"/> adds README and Readme (not for FAT).</summary>
    public static string Create(string path, bool caseTwins = true)
    {
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "hello.txt"), "hello\n");
        File.WriteAllBytes(Path.Combine(path, "empty"), []);
        File.CreateSymbolicLink(Path.Combine(path, "link"), "hello.txt");
        File.WriteAllText(Path.Combine(path, LongFileName), "long\n");
        Directory.CreateDirectory(Path.Combine(path, "Grüße-日本語"));
        File.WriteAllText(Path.Combine(path, "Grüße-日本語", "ñandú-€.txt"), "non-ascii\n", Encoding.UTF8);
        var deep = Path.Combine(path, "a", "b", "c", "d", "e");
        Directory.CreateDirectory(deep);
        var bytes = new byte[70_000];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(deep, "deep.bin"), bytes);
        if (caseTwins)
        {
            File.WriteAllText(Path.Combine(path, "README"), "upper\n");
            File.WriteAllText(Path.Combine(path, "Readme"), "mixed\n");
        }

        return path;
    }
}
