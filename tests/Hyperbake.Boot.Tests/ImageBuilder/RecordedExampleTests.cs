using System.Text;
using Hyperbake.Boot.ImageBuilder;
using Hyperbake.Boot.ImageBuilder.Config;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder;

/// <summary>
/// Every case under Examples/recorded (ImageBuilder's own runs) and Examples/derived (worked
/// out from the specification) must come out byte for byte, or fail with ImageBuilder's message
/// and leave the directory untouched.
/// </summary>
public sealed class RecordedExampleTests
{
    public static IEnumerable<object[]> Recorded => ExampleCase.All("recorded");

    public static IEnumerable<object[]> Derived => ExampleCase.All("derived");

    public static IEnumerable<object[]> DerivedErrors => ExampleCase.All("derived-errors");

    [Theory]
    [MemberData(nameof(Recorded))]
    public void Recorded_case_reproduces(string name) => Reproduces(ExampleCase.Load("recorded", name));

    [Theory]
    [MemberData(nameof(Derived))]
    public void Derived_case_reproduces(string name) => Reproduces(ExampleCase.Load("derived", name));

    [Theory]
    [MemberData(nameof(DerivedErrors))]
    public void Derived_error_case_fails_cleanly(string name) => Reproduces(ExampleCase.Load("derived-errors", name));

    private static void Reproduces(ExampleCase example)
    {
        // Given the inputs re-created from sizes.txt
        using var work = new TempDirectory();
        var inputs = example.MakeInputs(work);
        var before = Snapshot(inputs);

        if (example.ExpectsError)
        {
            // When it runs, then it throws with ImageBuilder's message and writes nothing
            var act = () => UBootScriptGenerator.Generate(example.Config(), example.Options(inputs));
            var errorFile = Path.Combine(example.Folder, "error.txt");
            var expected = File.Exists(errorFile)
                ? File.ReadAllText(errorFile).TrimEnd('\n')
                : FirstClause(example.ExpectedStdout.Split('\n').Last(l => l.Length > 0));
            act.Should().Throw<Exception>().Where(e => e is ImageBuilderException || e is ImageBuilderConfigException)
                .Which.Message.Should().Contain(expected);
            Snapshot(inputs).Should().Equal(before);
            return;
        }

        // When
        var result = UBootScriptGenerator.Generate(example.Config(), example.Options(inputs));

        // Then boot.source and stdout are ImageBuilder's, byte for byte
        var sourceName = result.Files.First(f => f.RelativePath.EndsWith(".source", StringComparison.Ordinal)).RelativePath;
        Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(inputs, sourceName))).Should().Be(Encoding.UTF8.GetString(example.ExpectedSource));
        File.ReadAllBytes(Path.Combine(inputs, sourceName)).Should().Equal(example.ExpectedSource);
        result.Stdout.Should().Be(example.ExpectedStdout);
        foreach (var f in result.Files)
        {
            File.ReadAllBytes(Path.Combine(inputs, f.RelativePath)).Should().Equal(f.Content, $"{f.RelativePath} is written as planned");
        }

        var expectedIts = Path.Combine(example.Folder, "boot.its");
        if (File.Exists(expectedIts))
        {
            var its = result.Files.Single(f => f.RelativePath.EndsWith(".its", StringComparison.Ordinal));
            Encoding.UTF8.GetString(its.Content).Should().Be(File.ReadAllText(expectedIts));
        }

        var scr = result.Files.FirstOrDefault(f => f.RelativePath.EndsWith(".scr", StringComparison.Ordinal));
        if (scr is not null)
        {
            // boot.scr is what mkimage makes from the same source with the same SOURCE_DATE_EPOCH
            scr.Content.Length.Should().Be(example.ExpectedSource.Length + 72);
            var reference = Path.Combine(work.Path, "reference.scr");
            var addr = "0x" + result.ScriptAddress.ToString("X");
            MkImage.Run(["-A", "arm64", "-T", "script", "-C", "none", "-a", addr, "-e", addr, "-d", Path.Combine(inputs, sourceName), reference]);
            scr.Content.Should().Equal(File.ReadAllBytes(reference));
            MkImage.Run(["-l", Path.Combine(inputs, scr.RelativePath)]).Should().Contain("AArch64 Linux Script (uncompressed)");
        }
    }

    private static string FirstClause(string message)
    {
        var cut = message.IndexOf(", exiting", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => new FileInfo(f).Length + ":" + File.GetLastWriteTimeUtc(f).Ticks);
}
