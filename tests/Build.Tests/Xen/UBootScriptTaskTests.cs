using System.Diagnostics;
using System.Globalization;
using Build.Tests.Fixtures;
using Hyperbake.Testing;

namespace Build.Tests.Xen;

/// <summary>--target=UBootScript is uboot-script-gen: the recorded runs come out byte for byte, errors write nothing.</summary>
public sealed class UBootScriptTaskTests
{
    private const long Epoch = 1700000000;

    [Theory]
    [InlineData("case01_zcu102_readme_tftp")]
    [InlineData("case04_qemu_virt_arm64_virtio")]
    public void Recorded_case_reproduces_through_the_target(string name)
    {
        // Given the recorded inputs and the command line ImageBuilder ran with
        using var fixture = new BuildFixture();
        var inputs = ImageBuilderExamples.MakeInputs(name, fixture.Root["inputs"]);
        var args = ImageBuilderExamples.Arguments(name);
        var cli = new List<string>
        {
            "--target=UBootScript",
            "--ib-config=" + Path.Combine(ImageBuilderExamples.Case(name), "config"),
            "--ib-dir=" + inputs,
            "--source-date-epoch=" + Epoch.ToString(CultureInfo.InvariantCulture),
        };
        if (args.TryGetValue("load", out var load))
        {
            cli.Add("--ib-load=" + load);
        }

        // When
        var exit = fixture.Run([.. cli]);

        // Then boot.source and stdout are ImageBuilder's, and boot.scr is mkimage's for that source
        exit.Should().Be(0, fixture.Output);
        var source = Path.Combine(inputs, "boot.source");
        File.ReadAllBytes(source).Should().Equal(File.ReadAllBytes(Path.Combine(ImageBuilderExamples.Case(name), "boot.source")));
        foreach (var line in File.ReadAllLines(Path.Combine(ImageBuilderExamples.Case(name), "stdout.txt")))
        {
            fixture.Output.Should().Contain(line);
        }

        var stdout = File.ReadAllLines(Path.Combine(ImageBuilderExamples.Case(name), "stdout.txt"));
        var address = stdout.Last().Split(' ').Last();
        var reference = fixture.Root["reference.scr"];
        MkImage("-A", "arm64", "-T", "script", "-C", "none", "-a", address, "-e", address, "-d", source, reference);
        File.ReadAllBytes(Path.Combine(inputs, "boot.scr")).Should().Equal(File.ReadAllBytes(reference));
    }

    [Fact]
    public void Output_name_prepend_and_fit_flags_reach_the_generator()
    {
        using var fixture = new BuildFixture();
        const string name = "case04_qemu_virt_arm64_virtio";
        var inputs = ImageBuilderExamples.MakeInputs(name, fixture.Root["inputs"]);

        var exit = fixture.Run(
            "--target=UBootScript", "--ib-config=" + Path.Combine(ImageBuilderExamples.Case(name), "config"), "--ib-dir=" + inputs,
            "--ib-load=sd", "--ib-output=xenboot", "--ib-prepend=boot", "--source-date-epoch=1");

        exit.Should().Be(0, fixture.Output);
        var text = File.ReadAllText(Path.Combine(inputs, "xenboot.source"));
        text.Should().StartWith("load mmc 0:1 0x40400000 boot/Image-6.6\n");
        File.Exists(Path.Combine(inputs, "xenboot.scr")).Should().BeTrue();
        fixture.Output.Should().Contain("load mmc 0:1 0x40200000 boot/xenboot.scr; source 0x40200000");

        // -f: a FIT and no script
        fixture.Run(
            "--target=UBootScript", "--ib-config=" + Path.Combine(ImageBuilderExamples.Case(name), "config"), "--ib-dir=" + inputs,
            "--ib-fit", "--ib-output=fitboot", "--source-date-epoch=1").Should().Be(0, fixture.Output);
        File.Exists(Path.Combine(inputs, "fitboot.fit")).Should().BeTrue();
        File.ReadAllText(Path.Combine(inputs, "fitboot.source")).Should().StartWith("fit_addr=$fileaddr\nimxtract $fit_addr dom0_linux 0x40400000\n");
    }

    [Fact]
    public void Build_time_device_tree_mode_writes_a_patched_blob_and_no_fdt_edits()
    {
        using var fixture = new BuildFixture();
        const string name = "case04_qemu_virt_arm64_virtio";
        var inputs = ImageBuilderExamples.MakeInputs(name, fixture.Root["inputs"]);

        var exit = fixture.Run(
            "--target=UBootScript", "--ib-config=" + Path.Combine(ImageBuilderExamples.Case(name), "config"), "--ib-dir=" + inputs,
            "--ib-dt-mode=buildtime", "--source-date-epoch=1");

        exit.Should().Be(0, fixture.Output);
        var text = File.ReadAllText(Path.Combine(inputs, "boot.source"));
        text.Should().Contain(" virt-gicv3-patched.dtb\n").And.NotContain("fdt set").And.NotContain("fdt mknod");
        var dts = ExternalTool.Check("dtc", "-I", "dtb", "-O", "dts", Path.Combine(inputs, "virt-gicv3-patched.dtb")).StdOut;
        dts.Should().Contain("xen,xen-bootargs").And.Contain("domU0");
    }

    [Theory]
    [InlineData("--ib-dt-mode=sometimes", "--ib-dt-mode=sometimes is not a device tree mode")]
    [InlineData("--ib-fit=maybe", "--ib-fit=maybe is not a switch value")]
    public void Bad_options_fail_with_one_line_and_write_nothing(string option, string message)
    {
        using var fixture = new BuildFixture();
        const string name = "case04_qemu_virt_arm64_virtio";
        var inputs = ImageBuilderExamples.MakeInputs(name, fixture.Root["inputs"]);
        var before = Directory.GetFiles(inputs).Order(StringComparer.Ordinal).ToList();

        var exit = fixture.Run("--target=UBootScript", "--ib-config=" + Path.Combine(ImageBuilderExamples.Case(name), "config"), "--ib-dir=" + inputs, option);

        exit.Should().NotBe(0);
        fixture.Output.Should().Contain("Error: " + message);
        Directory.GetFiles(inputs).Order(StringComparer.Ordinal).Should().Equal(before);
    }

    [Fact]
    public void ImageBuilder_errors_fail_with_its_message_and_write_nothing()
    {
        // Given the recorded overflow case (the files do not fit below MEMORY_END)
        using var fixture = new BuildFixture();
        const string name = "e03_overflow_past_memory_end";
        var inputs = ImageBuilderExamples.MakeInputs(name, fixture.Root["inputs"]);
        var before = Directory.GetFiles(inputs).Order(StringComparer.Ordinal).ToList();

        var exit = fixture.Run("--target=UBootScript", "--ib-config=" + Path.Combine(ImageBuilderExamples.Case(name), "config"), "--ib-dir=" + inputs, "--ib-load=" + ImageBuilderExamples.Arguments(name)["load"]);

        exit.Should().NotBe(0);
        fixture.Output.Should().Contain("Error: Error, not enough memory to load all binaries");
        Directory.GetFiles(inputs).Order(StringComparer.Ordinal).Should().Equal(before);
    }

    [Theory]
    [InlineData("--ib-dir=/", "--ib-config is missing")]
    [InlineData("--ib-config=/nonexistent/config", "--ib-dir is missing")]
    public void Missing_arguments_are_named(string only, string message)
    {
        using var fixture = new BuildFixture();

        fixture.Run("--target=UBootScript", only).Should().NotBe(0);

        fixture.Output.Should().Contain(message);
    }

    private static void MkImage(params string[] args)
    {
        var psi = new ProcessStartInfo(ExternalTool.Require("mkimage")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["SOURCE_DATE_EPOCH"] = Epoch.ToString(CultureInfo.InvariantCulture);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, output.Result + error);
    }
}
