using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder;

/// <summary>Runs mkimage/dumpimage at the recorded cases' SOURCE_DATE_EPOCH.</summary>
internal static class MkImage
{
    public static string Run(IEnumerable<string> args, string tool = "mkimage") => ExternalTool.CheckReproducibly(tool, ExampleCase.Epoch, args);
}
