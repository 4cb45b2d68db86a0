using System.Runtime.CompilerServices;
using Hyperbake.Boot.ImageBuilder.Config;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder;

/// <summary>One folder under Examples/: its config, inputs, command line and expected output.</summary>
public sealed class ExampleCase
{
    public const long Epoch = 1700000000;

    private ExampleCase(string folder)
    {
        Folder = folder;
        Args = File.ReadAllLines(Path.Combine(folder, "hyperbake-args.txt"))
            .Where(l => l.Contains('='))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
    }

    public string Folder { get; }

    public string Name => Path.GetFileName(Folder);

    public IReadOnlyDictionary<string, string> Args { get; }

    public bool ExpectsError => File.Exists(Path.Combine(Folder, "exit_code.txt")) && File.ReadAllText(Path.Combine(Folder, "exit_code.txt")).Trim() != "0";

    public string ExpectedStdout => File.ReadAllText(Path.Combine(Folder, "stdout.txt"));

    public byte[] ExpectedSource => File.ReadAllBytes(Path.Combine(Folder, "boot.source"));

    public static string ExamplesRoot([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Examples");

    public static ExampleCase Load(string group, string name) => new(Path.Combine(ExamplesRoot(), group, name));

    public static IEnumerable<object[]> All(string group) =>
        Directory.GetDirectories(Path.Combine(ExamplesRoot(), group)).Order(StringComparer.Ordinal).Select(d => new object[] { Path.GetFileName(d) });

    /// <summary>Re-creates the inputs (sizes.txt) in <paramref name="work"/>/inputs and returns that folder.</summary>
    public string MakeInputs(TempDirectory work)
    {
        var inputs = work["inputs"];
        var r = ExternalTool.Run("bash", Path.Combine(ExamplesRoot(), "tools", "make_inputs.sh"), Folder, inputs);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"make_inputs.sh failed for {Name}: {r.Output}");
        }

        foreach (var extra in Directory.GetFiles(Path.Combine(Folder, "inputs"), "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(Path.Combine(Folder, "inputs"), extra);
            var dest = Path.Combine(inputs, rel);
            if (!File.Exists(dest))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(extra, dest);
            }
        }

        return inputs;
    }

    public ImageBuilderConfig Config(Func<string, string?>? environment = null) =>
        ImageBuilderConfig.Parse(Path.Combine(Folder, "config"), environment);

    public UBootScriptOptions Options(string directory) => new()
    {
        Directory = directory,
        LoadCommand = Args.GetValueOrDefault("load"),
        OutputName = Args.GetValueOrDefault("output"),
        Fit = Args.GetValueOrDefault("fit") == "1",
        Prepend = Args.GetValueOrDefault("prepend"),
        SourceDateEpoch = Epoch,
    };
}
