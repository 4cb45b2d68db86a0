using System.Text;
using Hyperbake.Boot.ImageBuilder.Generation;
using Hyperbake.Imaging.DeviceTree;
using Hyperbake.Testing;

namespace Hyperbake.Boot.Tests.ImageBuilder;

public sealed class FitAndDeviceTreeModeTests
{
    [Fact]
    public void Fit_mode_output_is_what_mkimage_builds_from_the_its()
    {
        // Given the FIT case's inputs
        var example = ExampleCase.Load("derived", "d04_fit_mode");
        using var work = new TempDirectory();
        var inputs = example.MakeInputs(work);
        File.WriteAllText(Path.Combine(inputs, "boot.scr"), "stale");

        // When generated
        var result = UBootScriptGenerator.Generate(example.Config(), example.Options(inputs));

        // Then the written files are the source, FDTEDIT, .its and .fit, and the stale boot.scr is gone (rm -f)
        result.Files.Select(f => f.RelativePath).Should().Equal("mpsoc-fit.dtb", "boot.source", "boot.its", "boot.fit");
        File.Exists(Path.Combine(inputs, "boot.scr")).Should().BeFalse();

        // And mkimage, building the FIT from our .its in the same directory, lists the same FIT
        MkImage.Run(["-q", "-f", Path.Combine(inputs, "boot.its"), Path.Combine(work.Path, "ref.fit")]);
        var ours = MkImage.Run(["-l", Path.Combine(inputs, "boot.fit")]);
        ours.Should().Be(MkImage.Run(["-l", Path.Combine(work.Path, "ref.fit")]));
        ours.Should().Contain(" Image 7 (boot_scr)").And.Contain("Loadables:    dom0_linux");
        Dts(Path.Combine(inputs, "boot.fit")).Should().Be(Dts(Path.Combine(work.Path, "ref.fit")));

        // And dumpimage extracts the boot script and the edited device tree
        MkImage.Run(["-T", "flat_dt", "-p", "7", "-o", Path.Combine(work.Path, "scr.out"), Path.Combine(inputs, "boot.fit")], "dumpimage");
        File.ReadAllBytes(Path.Combine(work.Path, "scr.out")).Should().Equal(File.ReadAllBytes(Path.Combine(inputs, "boot.source")));

        // And FDTEDIT holds the dom0less nodes with proper '#' names (FIT mode does not escape them)
        var dts = Dts(Path.Combine(inputs, "mpsoc-fit.dtb"));
        dts.Should().Contain("domU0 {").And.Contain("compatible = \"xen,domain\";").And.Contain("#address-cells = <0x02>;");
        dts.Should().Contain("compatible = \"multiboot,kernel\\0multiboot,module\";");
    }

    [Fact]
    public void Fdtedit_matches_the_same_edits_made_by_fdtput()
    {
        // Given a config with cpupools, static memory, passthrough and colours, in FIT mode (FDTEDIT)
        var example = ExampleCase.Load("derived", "d03_bootm_xenub_cpupools");
        using var work = new TempDirectory();
        var inputs = example.MakeInputs(work);
        var result = UBootScriptGenerator.Plan(example.Config(), example.Options(inputs) with { Fit = true });
        var ours = Path.Combine(work.Path, "ours.dtb");
        File.WriteAllBytes(ours, result.Files.Single(f => f.RelativePath == "cpus-fit.dtb").Content);

        // When the same dt_set calls are replayed with fdtput -p, as ImageBuilder does
        var reference = Path.Combine(work.Path, "fdtput.dtb");
        File.Copy(Path.Combine(inputs, "cpus.dtb"), reference);
        foreach (var edit in result.DeviceTreeEdits.OfType<SetPropertyEdit>())
        {
            var words = edit.Data.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            string[] args = edit.Kind switch
            {
                DeviceTreeValueKind.Hex => ["-p", "-t", "x", reference, edit.Path, edit.Name, .. words],
                DeviceTreeValueKind.Int => ["-p", "-t", "i", reference, edit.Path, edit.Name, .. words],
                DeviceTreeValueKind.StringList => ["-p", "-t", "s", reference, edit.Path, edit.Name, .. words],
                DeviceTreeValueKind.Bool => ["-p", reference, edit.Path, edit.Name],
                _ => ["-p", "-t", "s", reference, edit.Path, edit.Name, edit.Data],
            };
            ExternalTool.Check("fdtput", args);
        }

        // Then dtc shows the same tree, in the same order
        Dts(ours).Should().Be(Dts(reference));
        Dts(ours).Should().Contain("cpupool_1 {").And.Contain("cpupool-cpus = <0x10 0xfffffffc>;");
    }

    [Fact]
    public void Build_time_mode_patches_the_device_tree_and_keeps_the_script_short()
    {
        // Given the dom0less case
        var example = ExampleCase.Load("derived", "d01_dom0less_sd_prepend_bootefi");
        using var work = new TempDirectory();
        var inputs = example.MakeInputs(work);

        // When the changes are applied at build time
        var options = example.Options(inputs) with { DeviceTreeMode = DeviceTreeMode.BuildTime };
        var result = UBootScriptGenerator.Generate(example.Config(), options);

        // Then the script only loads and boots, and loads the patched blob
        var source = File.ReadAllText(Path.Combine(inputs, "boot.source"));
        source.Should().NotContain("fdt set").And.NotContain("fdt mknod");
        source.Should().Contain("load mmc 0:1 0x43600000 boot/board-patched.dtb\n");
        source.Should().EndWith("setenv fdt_high 0xffffffffffffffff\nbootefi 0x43400000 - 0x43600000\n");
        result.FilesWritten.Should().HaveCount(3);

        // And dtc accepts the patched blob and shows the dom0less nodes
        var patched = Path.Combine(inputs, "board-patched.dtb");
        var dts = Dts(patched);
        dts.Should().Contain("domU0 {").And.Contain("domU2 {").And.NotContain("domU1 {");
        ExternalTool.Check("fdtget", patched, "/chosen/domU0", "compatible").StdOut.Should().Be("xen,domain\n");
        ExternalTool.Check("fdtget", "-t", "x", patched, "/chosen/domU0/module0x40500000", "reg").StdOut.Should().Be("0 40500000 0 1400000\n");
        ExternalTool.Check("fdtget", patched, "/chosen/domU0", "vpl011").StdOut.Should().Be("pl011\n");
        ExternalTool.Check("fdtget", "-t", "x", patched, "/chosen", "#address-cells").StdOut.Should().Be("2\n");
        ExternalTool.Check("fdtget", patched, "/chosen/domU0/module0x40500000", "bootargs").StdOut.Should().Be("console=ttyAMA0\n");
        ExternalTool.Check("fdtget", patched, "/chosen", "xen,xen-bootargs").StdOut.Should().Be("console=dtuart dtuart=serial0   bootscrub=0 vwfi=native sched=null xen_colors=0-1\n");
        FlattenedDeviceTree.ReadFile(patched).GetNode("/soc/uart@1000").HasProperty("xen,passthrough").Should().BeTrue();

        // And two runs are byte-identical
        var again = UBootScriptGenerator.Plan(example.Config(), options);
        again.Files.Select(f => f.Content).Should().BeEquivalentTo(result.Files.Select(f => f.Content), o => o.WithStrictOrdering());
    }

    private static string Dts(string dtb) => ExternalTool.Check("dtc", "-I", "dtb", "-O", "dts", dtb).StdOut;
}
