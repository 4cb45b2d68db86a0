using Hyperbake.Toolchains.DeviceTree;

namespace Hyperbake.Toolchains.Tests.DeviceTree;

public sealed class LineMarkersTests
{
    [Fact]
    public void Maps_preprocessed_lines_back_through_cpp_line_markers()
    {
        // Given cpp output of b.dts (line 2 includes inc.dtsi)
        string[] preprocessed =
        [
            "# 0 \"b.dts\"",         // 1
            "# 1 \"b.dts\"",         // 2
            "/dts-v1/;",             // 3 = b.dts:1
            "# 1 \"inc.dtsi\" 1",    // 4
            "",                      // 5 = inc.dtsi:1
            "/ { soc { }; };",       // 6 = inc.dtsi:2
            "# 3 \"b.dts\" 2",       // 7
            "/ {",                   // 8 = b.dts:3
            " bad = <1 2",           // 9 = b.dts:4
        ];

        var markers = LineMarkers.Parse(preprocessed);

        markers.Map(3).Should().Be(("b.dts", 1));
        markers.Map(6).Should().Be(("inc.dtsi", 2));
        markers.Map(9).Should().Be(("b.dts", 4));
    }

    [Fact]
    public void Diagnostics_map_an_error_in_the_preprocessed_file_to_the_source()
    {
        var markers = LineMarkers.Parse(["# 1 \"/hyperbake/dts/b.dts\"", "a", "# 7 \"/hyperbake/include/0/soc.dtsi\" 1", "x", "y"]);
        var error = DeviceTreeDiagnostics.FindError(
            ["Warning: something", "Error: /hyperbake/out/b.pre.dts:5.3-4 syntax error", "FATAL ERROR: Unable to parse input tree"],
            path => path.Replace("/hyperbake/include/0", "/home/me/soc", StringComparison.Ordinal),
            "/hyperbake/out/b.pre.dts",
            () => markers);

        error.Should().Be(("/home/me/soc/soc.dtsi", 8, "dtc: syntax error"));
    }
}
