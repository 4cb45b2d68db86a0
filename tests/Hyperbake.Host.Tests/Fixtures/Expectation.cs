using System.Runtime.CompilerServices;

namespace Hyperbake.Host.Tests.Fixtures;

/// <summary>
/// Golden files: <c>Expectations/&lt;name&gt;.txt</c>, compared exactly. Set
/// <c>HYPERBAKE_UPDATE_EXPECTATIONS=1</c> to rewrite them from the actual output (then review the diff).
/// </summary>
public static class Expectation
{
    public static void Verify(string name, string actual, [CallerFilePath] string caller = "")
    {
        var sourceFile = Path.Combine(FindProjectDirectory(caller), "Expectations", name + ".txt");
        if (Environment.GetEnvironmentVariable("HYPERBAKE_UPDATE_EXPECTATIONS") == "1")
        {
            File.WriteAllText(sourceFile, actual);
        }

        var expectedFile = Path.Combine(AppContext.BaseDirectory, "Expectations", name + ".txt");
        File.Exists(expectedFile).Should().BeTrue($"the golden file {name}.txt should exist (create it with HYPERBAKE_UPDATE_EXPECTATIONS=1)");
        actual.Should().Be(File.ReadAllText(expectedFile), $"the output should match Expectations/{name}.txt");
    }

    private static string FindProjectDirectory(string caller)
    {
        var directory = Path.GetDirectoryName(caller);
        while (directory is not null && !File.Exists(Path.Combine(directory, "Hyperbake.Host.Tests.csproj")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("The test project folder was not found.");
    }
}
