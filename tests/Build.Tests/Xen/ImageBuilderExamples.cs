using Build.Tests.Fixtures;
using Hyperbake.Testing;

namespace Build.Tests.Xen;

/// <summary>The recorded ImageBuilder runs kept by the Boot tests (Examples/recorded), re-created for a test.</summary>
internal static class ImageBuilderExamples
{
    public static string Root => Path.Combine(RepositoryRoot.Path, "tests", "Hyperbake.Boot.Tests", "ImageBuilder", "Examples");

    public static string Case(string name) => Path.Combine(Root, "recorded", name);

    /// <summary>The case's inputs (tools/make_inputs.sh from sizes.txt plus the provided files) in <paramref name="destination"/>.</summary>
    public static string MakeInputs(string caseName, string destination)
    {
        var folder = Case(caseName);
        var r = ExternalTool.Run("bash", Path.Combine(Root, "tools", "make_inputs.sh"), folder, destination);
        r.ExitCode.Should().Be(0, r.Output);
        var provided = Path.Combine(folder, "inputs");
        foreach (var file in Directory.GetFiles(provided, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(provided, file));
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return destination;
    }

    /// <summary>hyperbake-args.txt as key=value pairs (load=, output=, fit=, prepend=).</summary>
    public static IReadOnlyDictionary<string, string> Arguments(string caseName) =>
        File.ReadAllLines(Path.Combine(Case(caseName), "hyperbake-args.txt"))
            .Where(l => l.Contains('=') && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
}
