using System.Security.Cryptography;

namespace Build.Tests.Imaging;

/// <summary>What a folder holds, path by path: "dir", "file &lt;sha256&gt;" or "link -&gt; target", for round-trip comparisons.</summary>
internal static class TreeSnapshot
{
    public static SortedDictionary<string, string> Of(string root, params string[] ignore)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "", result, ignore);
        return result;
    }

    private static void Walk(string directory, string prefix, SortedDictionary<string, string> result, string[] ignore)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var path = prefix + entry.Name;
            if (ignore.Contains(path))
            {
                continue;
            }

            if (entry.LinkTarget is { } target)
            {
                result[path] = "link -> " + target;
            }
            else if (entry is DirectoryInfo sub)
            {
                result[path] = "dir";
                Walk(sub.FullName, path + "/", result, ignore);
            }
            else
            {
                result[path] = "file " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName)));
            }
        }
    }
}
