using System.Runtime.CompilerServices;

namespace Hyperbake.Testing;

/// <summary>
/// Golden files for generated text: <c>Expectations/&lt;name&gt;.txt</c> beside the test's source.
/// Set HYPERBAKE_UPDATE_GOLDEN=1 to rewrite them after an intended change (then review the diff).
/// </summary>
public static class Golden
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Expectations", name + ".txt");
        if (Environment.GetEnvironmentVariable("HYPERBAKE_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Golden file {path} is missing; run the test with HYPERBAKE_UPDATE_GOLDEN=1 to create it, then review it.");
        }

        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            throw new InvalidOperationException(
                $"Output differs from {path} at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end>")}\n  actual:   {(line < a.Length ? a[line] : "<end>")}");
        }
    }
}
