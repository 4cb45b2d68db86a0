using Hyperbake.Testing;

namespace Hyperbake.Toolchains.Tests.DeviceTree;

/// <summary>A small board: a .dts including a .dtsi from an include folder, with macros from a header.</summary>
public static class DeviceTreeSources
{
    public const string Board = """
        /dts-v1/;
        #include <board-soc.dtsi>
        #include "leds.h"

        / {
        	model = "Hyperbake Test Board";
        	compatible = "hyperbake,test-board";

        	leds {
        		compatible = "gpio-leds";
        		status-led {
        			gpios = <&gpio0 LED_PIN GPIO_ACTIVE_LOW>;
        		};
        	};
        };

        &uart0 {
        	status = "okay";
        };
        """;

    public const string Soc = """
        #define UART_SPEED 115200
        / {
        	#address-cells = <1>;
        	#size-cells = <1>;
        	soc {
        		#address-cells = <1>;
        		#size-cells = <1>;
        		ranges;
        		uart0: serial@10000000 {
        			compatible = "ns16550a";
        			reg = <0x10000000 0x100>;
        			current-speed = <UART_SPEED>;
        			status = "disabled";
        		};
        		gpio0: gpio@10001000 {
        			compatible = "hyperbake,gpio";
        			reg = <0x10001000 0x100>;
        			gpio-controller;
        			#gpio-cells = <2>;
        		};
        	};
        };
        """;

    public const string LedsHeader = """
        #define LED_PIN 7
        #define GPIO_ACTIVE_LOW 1
        """;

    public const string Overlay = """
        /dts-v1/;
        /plugin/;
        &uart0 {
        	current-speed = <9600>;
        };
        """;

    /// <summary>Writes board.dts (+ leds.h beside it) and include/board-soc.dtsi; returns (board folder, include folder).</summary>
    public static (string BoardDirectory, string IncludeDirectory) Write(TempDirectory temp, string? socOverride = null, string? boardOverride = null)
    {
        Directory.CreateDirectory(temp["board"]);
        Directory.CreateDirectory(temp["include"]);
        File.WriteAllText(temp["board/board.dts"], boardOverride ?? Board);
        File.WriteAllText(temp["board/leds.h"], LedsHeader);
        File.WriteAllText(temp["board/uart-slow.dtso"], Overlay);
        File.WriteAllText(temp["include/board-soc.dtsi"], socOverride ?? Soc);
        return (temp["board"], temp["include"]);
    }

    /// <summary>Decompiles a blob with the host's dtc (the independent check).</summary>
    public static string Decompile(string blob) => ExternalTool.Check("dtc", "-I", "dtb", "-O", "dts", blob).StdOut;
}
