using Hyperbake.Testing;
using Hyperbake.Toolchains.DeviceTree;

namespace Hyperbake.Toolchains.Tests.DeviceTree;

/// <summary>The same checks for every backend: the compiled tree has the expected nodes; errors name the file and line.</summary>
public static class DeviceTreeCompilerChecks
{
    public static void Compiles_a_board_with_includes_and_macros(IToolchainRunner runner)
    {
        using var temp = new TempDirectory();
        var (board, include) = DeviceTreeSources.Write(temp);
        var compiler = new DeviceTreeCompiler(runner);

        var dtb = compiler.Compile(Path.Combine(board, "board.dts"), temp["out"], new DeviceTreeOptions { IncludeDirectories = [include] });

        dtb.Should().Be(temp["out/board.dtb"]);
        var dts = DeviceTreeSources.Decompile(dtb);
        dts.Should().Contain("model = \"Hyperbake Test Board\";");
        dts.Should().Contain("serial@10000000 {");
        dts.Should().Contain("current-speed = <0x1c200>;", "UART_SPEED from the .dtsi expands to 115200");
        dts.Should().Contain("status = \"okay\";", "the &uart0 reference overrides the .dtsi");
        dts.Should().MatchRegex(@"gpios = <0x[0-9a-f]+ 0x07 0x01>;", "LED_PIN and GPIO_ACTIVE_LOW come from leds.h");
        Directory.GetFiles(temp["out"]).Should().Equal([dtb], "only the blob is published");
    }

    public static void Compiles_an_overlay_with_symbols(IToolchainRunner runner)
    {
        using var temp = new TempDirectory();
        var (board, _) = DeviceTreeSources.Write(temp);

        var dtbo = new DeviceTreeCompiler(runner).Compile(Path.Combine(board, "uart-slow.dtso"), temp["out"]);

        dtbo.Should().EndWith("uart-slow.dtbo");
        var dts = DeviceTreeSources.Decompile(dtbo);
        dts.Should().Contain("__fixups__").And.Contain("uart0 = \"/fragment@0:target:0\";");
    }

    public static void A_syntax_error_in_an_included_file_names_that_file_and_line(IToolchainRunner runner)
    {
        using var temp = new TempDirectory();
        var broken = DeviceTreeSources.Soc.Replace("ranges;", "ranges;\n\t\tthis is wrong", StringComparison.Ordinal);
        var (board, include) = DeviceTreeSources.Write(temp, socOverride: broken);
        var badLine = broken.Split('\n').ToList().FindIndex(l => l.Contains("this is wrong", StringComparison.Ordinal)) + 1;

        var act = () => new DeviceTreeCompiler(runner).Compile(Path.Combine(board, "board.dts"), temp["out"], new DeviceTreeOptions { IncludeDirectories = [include] });

        var error = act.Should().Throw<DeviceTreeException>().Which;
        error.File.Should().Be(Path.Combine(include, "board-soc.dtsi"));
        error.Line.Should().BeInRange(badLine, badLine + 1, "dtc reports the token after the stray words");
        error.Message.Should().StartWith($"{Path.Combine(include, "board-soc.dtsi")}:{error.Line}: dtc: ");
        File.Exists(temp["out/board.dtb"]).Should().BeFalse("a failed compile publishes nothing");
    }

    public static void A_missing_include_names_the_including_file_and_line(IToolchainRunner runner)
    {
        using var temp = new TempDirectory();
        var (board, _) = DeviceTreeSources.Write(temp);

        // No include folder given: <board-soc.dtsi> cannot be found.
        var act = () => new DeviceTreeCompiler(runner).Compile(Path.Combine(board, "board.dts"), temp["out"]);

        var error = act.Should().Throw<DeviceTreeException>().Which;
        error.File.Should().Be(Path.Combine(board, "board.dts"));
        error.Line.Should().Be(2);
        error.Detail.Should().Contain("board-soc.dtsi");
    }
}
