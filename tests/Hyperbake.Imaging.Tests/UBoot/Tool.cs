using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.UBoot;

/// <summary>Runs u-boot-tools and dtc at a fixed SOURCE_DATE_EPOCH, failing on a non-zero exit.</summary>
internal static class Tool
{
    public const long Epoch = 1234567890;

    public static string Run(string tool, params string[] args) => ExternalTool.CheckReproducibly(tool, Epoch, args);
}
