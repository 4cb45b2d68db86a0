using Hyperbake.Testing;
using Hyperbake.Toolchains.Kernel;
using Hyperbake.Toolchains.Tests.Docker;

namespace Hyperbake.Toolchains.Tests.Kernel;

/// <summary>
/// The kernel toolchain image (layers/core/toolchains/kernel) builds and has what Kbuild and the cross builds
/// need; the builder's steps run in it with the source read-only and no network.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class KernelToolchainDockerTests(DockerFixture fixture)
{
    [Fact]
    public void The_image_has_kbuilds_tools_and_the_cross_compilers_for_the_other_arches()
    {
        var tools = new[] { "make", "gcc", "ld", "bc", "bison", "flex", "perl", "openssl", "depmod", "cpio", "xz", "tar", "git" }
            .Concat(new[] { "amd64", "arm64", "riscv64" }
                .Where(a => a != KernelBuilder.HostArchitecture())
                .Select(a => KernelArchitecture.For(a).CrossCompile + "gcc"))
            .ToList();
        var lines = new List<string>();

        fixture.Runner.Run(new ToolchainStep
        {
            Toolchain = "kernel",
            Command = ["sh", "-c", "for t in \"$@\"; do command -v \"$t\" >/dev/null && echo \"found $t\" || echo \"missing $t\"; done; test -f /usr/include/libelf.h && echo found libelf.h; test -f /usr/include/openssl/ssl.h && echo found ssl.h", "check", .. tools],
            Log = lines.Add,
        });

        // The log also has the image build's lines the first time.
        lines.Where(l => l.StartsWith("found ", StringComparison.Ordinal) || l.StartsWith("missing ", StringComparison.Ordinal))
            .Should().BeEquivalentTo([.. tools.Select(t => "found " + t), "found libelf.h", "found ssl.h"]);
    }

    [Fact]
    public void The_builder_runs_out_of_tree_against_a_read_only_source_in_the_image()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["serial.cfg"], "CONFIG_SERIAL_8250=y\n");

        var result = new KernelBuilder(fixture.Runner).Build(new KernelBuildOptions
        {
            SourceDirectory = Path.Combine(AppContext.BaseDirectory, "Kernel", "FakeKernel"),
            OutputDirectory = temp["out"],
            Architecture = "arm64",
            Fragments = [temp["serial.cfg"]],
            SourceDateEpoch = 1700000000,
        });

        File.ReadAllText(result.ImagePath).Trim().Should().Be("hyperbake@hyperbake|Tue Nov 14 22:13:20 UTC 2023|1700000000|aarch64-linux-gnu-|arm64");
        File.ReadAllText(result.ConfigPath).Should().Contain("CONFIG_SERIAL_8250=y\n");
        File.Exists(Path.Combine(result.DtbsDirectory!, "vendor/board.dtb")).Should().BeTrue();
    }
}
