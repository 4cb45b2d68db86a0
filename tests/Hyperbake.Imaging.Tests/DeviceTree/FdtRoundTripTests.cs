using System.Text;
using Hyperbake.Imaging.DeviceTree;
using Hyperbake.Imaging.Tests.UBoot;
using Hyperbake.Testing;

namespace Hyperbake.Imaging.Tests.DeviceTree;

public sealed class FdtRoundTripTests
{
    public static IEnumerable<object[]> Sources =>
    [
        ["minimal", "/dts-v1/;\n/ { };\n"],
        ["reservations", "/dts-v1/;\n/memreserve/ 0x10000000 0x4000;\n/memreserve/ 0x880000000 0x100000;\n/ { model = \"x\"; };\n"],
        ["typed", """
            /dts-v1/;
            / {
                #address-cells = <2>;
                #size-cells = <1>;
                compatible = "vendor,board", "vendor,soc";
                empty;
                bytes = [00 01 fe ff 7f];
                odd = [01 02 03];
                cells = <0x1 0xffffffff 0>;
                big = /bits/ 64 <0x123456789abcdef0>;
                mixed = "a", <1>, [02];
                size-cells = <3>;
                cells-too = <4>;
                label: node@1000 {
                    reg = <0x0 0x1000 0x100>;
                    ref = <&label>;
                    deep { deeper { deepest { leaf = "x"; }; }; };
                };
                node@2000 { reg = <0x0 0x2000 0x100>; status = "okay"; };
                chosen { bootargs = "console=ttyAMA0 root=/dev/vda"; };
            };
            """],
        ["cpus", File.ReadAllText(Path.Combine(Here(), "cpus.dts.txt"))],
    ];

    private static string Here([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [Theory]
    [MemberData(nameof(Sources))]
    public void Dtc_blob_reads_and_writes_back_identically(string name, string dts)
    {
        // Given a blob compiled by dtc
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp["in.dts"], dts);
        Tool.Run("dtc", "-I", "dts", "-O", "dtb", "-o", tmp["dtc.dtb"], tmp["in.dts"]);
        var original = File.ReadAllBytes(tmp["dtc.dtb"]);

        // When it is read and written again
        var tree = FlattenedDeviceTree.Read(original);
        var ours = tree.ToBytes();
        File.WriteAllBytes(tmp["ours.dtb"], ours);

        // Then the bytes are dtc's, and dtc decompiles both the same
        ours.Should().Equal(original, name);
        Tool.Run("dtc", "-I", "dtb", "-O", "dts", tmp["ours.dtb"]).Should().Be(Tool.Run("dtc", "-I", "dtb", "-O", "dts", tmp["dtc.dtb"]));
        FlattenedDeviceTree.Read(ours).ToBytes().Should().Equal(ours);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1000, 0, 0)]
    [InlineData(0, 65536, 0)]
    [InlineData(7, 0, 256)]
    public void Padding_minimum_size_and_alignment_match_dtc(int padding, int minimum, int alignment)
    {
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp["in.dts"], "/dts-v1/;\n/ { a = <1>; n { b = \"c\"; }; };\n");
        var args = new List<string> { "-I", "dts", "-O", "dtb", "-o", tmp["dtc.dtb"] };
        if (padding > 0)
        {
            args.AddRange(["-p", padding.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (minimum > 0)
        {
            args.AddRange(["-S", minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (alignment > 0)
        {
            args.AddRange(["-a", alignment.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.Add(tmp["in.dts"]);
        Tool.Run("dtc", [.. args]);
        var original = File.ReadAllBytes(tmp["dtc.dtb"]);
        FlattenedDeviceTree.Read(original)
            .ToBytes(new FdtWriterOptions { Padding = padding, MinimumSize = minimum, Alignment = alignment })
            .Should().Equal(original);
    }

    [Fact]
    public void Edits_are_read_back_by_fdtget_and_accepted_by_dtc()
    {
        // Given a tree built and edited in memory
        var tree = new FlattenedDeviceTree();
        tree.Root.SetU32("#address-cells", 2);
        tree.Root.SetU32("#size-cells", 2);
        var chosen = tree.GetOrCreateNode("/chosen");
        chosen.SetString("bootargs", "console=hvc0 ünïcode");
        var domU = tree.GetOrCreateNode("/chosen/domU0/module@40000000");
        domU.SetStrings("compatible", "multiboot,kernel", "multiboot,module");
        tree.GetNode("/chosen/domU0").SetU32("#address-cells", 2);
        tree.GetNode("/chosen/domU0").SetU32("#size-cells", 2);
        domU.SetReg([(0x880400000UL, 0x1593A00UL)]);
        tree.GetNode("/chosen/domU0").SetEmpty("vpl011");
        tree.Reservations.Add(new FdtReservation(0x1000, 0x2000));
        tree.SetProperty("/a/b/c", "made", DeviceTreeProperty.EncodeU32([7]), createPath: true);
        tree.RemoveProperty("/chosen", "nothing").Should().BeFalse();
        using var tmp = new TempDirectory();
        tree.WriteFile(tmp["t.dtb"]);

        // Then fdtget reads each property as set, and dtc accepts the blob
        Tool.Run("fdtget", "-t", "s", tmp["t.dtb"], "/chosen", "bootargs").Should().Be("console=hvc0 ünïcode\n");
        Tool.Run("fdtget", "-t", "x", tmp["t.dtb"], "/chosen/domU0/module@40000000", "reg").Should().Be("8 80400000 0 1593a00\n");
        Tool.Run("fdtget", tmp["t.dtb"], "/chosen/domU0/module@40000000", "compatible").Should().Be("multiboot,kernel multiboot,module\n");
        Tool.Run("fdtget", "-t", "i", tmp["t.dtb"], "/a/b/c", "made").Should().Be("7\n");
        Tool.Run("fdtget", "-l", tmp["t.dtb"], "/chosen").Should().Be("domU0\n");
        var dts = Tool.Run("dtc", "-I", "dtb", "-O", "dts", tmp["t.dtb"]);
        dts.Should().Contain("/memreserve/\t0x0000000000001000 0x0000000000002000;").And.Contain("vpl011;");

        // And the model reads back the same values
        var back = FlattenedDeviceTree.ReadFile(tmp["t.dtb"]);
        back.GetNode("/chosen/domU0/module@40000000").GetReg().Should().Equal([(0x880400000UL, 0x1593A00UL)]);
        back.GetNode("/chosen").GetString("bootargs").Should().Be("console=hvc0 ünïcode");
        back.FindNode("/chosen/domU0/module").Should().NotBeNull("a name without a unit address matches as in libfdt");
    }

    [Fact]
    public void Fdtput_placement_matches_libfdt()
    {
        // Given the same edits made by fdtput and through the model with libfdt placement
        using var tmp = new TempDirectory();
        File.WriteAllText(tmp["in.dts"], "/dts-v1/;\n/ { chosen { a = <1>; x { }; }; };\n");
        Tool.Run("dtc", "-I", "dts", "-O", "dtb", "-o", tmp["fdtput.dtb"], tmp["in.dts"]);
        var tree = FlattenedDeviceTree.ReadFile(tmp["fdtput.dtb"]);
        Tool.Run("fdtput", tmp["fdtput.dtb"], "-t", "s", "/chosen", "p1", "v");
        Tool.Run("fdtput", tmp["fdtput.dtb"], "-t", "s", "/chosen", "p2", "v");
        Tool.Run("fdtput", "-p", tmp["fdtput.dtb"], "-t", "x", "/chosen/n1", "q", "1");
        Tool.Run("fdtput", "-p", tmp["fdtput.dtb"], "-t", "x", "/chosen/n2/deep", "q", "1");
        Tool.Run("fdtput", tmp["fdtput.dtb"], "-t", "s", "/chosen", "a", "zz");
        tree.SetProperty("/chosen", "p1", FdtPutValue.Encode('s', ["v"]), placement: Placement.First);
        tree.SetProperty("/chosen", "p2", FdtPutValue.Encode('s', ["v"]), placement: Placement.First);
        tree.SetProperty("/chosen/n1", "q", FdtPutValue.Encode('x', ["1"]), createPath: true, placement: Placement.First);
        tree.SetProperty("/chosen/n2/deep", "q", FdtPutValue.Encode('x', ["1"]), createPath: true, placement: Placement.First);
        tree.SetProperty("/chosen", "a", FdtPutValue.Encode('s', ["zz"]), placement: Placement.First);
        tree.WriteFile(tmp["ours.dtb"]);

        // Then dtc shows the same tree in the same order
        Tool.Run("dtc", "-I", "dtb", "-O", "dts", tmp["ours.dtb"]).Should().Be(Tool.Run("dtc", "-I", "dtb", "-O", "dts", tmp["fdtput.dtb"]));
    }

    [Fact]
    public void A_node_with_5000_children_round_trips()
    {
        var tree = new FlattenedDeviceTree();
        var parent = tree.GetOrCreateNode("/bus");
        for (var i = 0; i < 5000; i++)
        {
            parent.AddChild($"dev@{i:x}").SetU32("reg", (uint)i);
        }

        using var tmp = new TempDirectory();
        var bytes = tree.ToBytes();
        File.WriteAllBytes(tmp["big.dtb"], bytes);
        Tool.Run("fdtget", "-t", "u", tmp["big.dtb"], "/bus/dev@1387", "reg").Should().Be("4999\n");
        FlattenedDeviceTree.Read(bytes).ToBytes().Should().Equal(bytes);
        tree.ToBytes().Should().Equal(bytes, "writing is deterministic");
    }

    [Fact]
    public void Bad_blobs_are_rejected_with_a_reason()
    {
        var act = () => FlattenedDeviceTree.Read(new byte[64]);
        act.Should().Throw<DeviceTreeException>().WithMessage("*magic*");
        var truncated = new FlattenedDeviceTree().ToBytes()[..30];
        ((Action)(() => FlattenedDeviceTree.Read(truncated))).Should().Throw<DeviceTreeException>();
        var tree = new FlattenedDeviceTree();
        ((Action)(() => tree.Root.AddChild("a/b"))).Should().Throw<DeviceTreeException>().WithMessage("*'/'*");
        ((Action)(() => tree.GetNode("/missing"))).Should().Throw<DeviceTreeException>().WithMessage("*/missing*");
        tree.Root.SetU32("reg", 1, 2, 3);
        ((Action)(() => tree.Root.GetProperty("reg").AsU32())).Should().Throw<DeviceTreeException>().WithMessage("*12 bytes*");
    }
}
