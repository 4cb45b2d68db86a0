using System.Security.Cryptography;
using Hyperbake.Testing;
using Hyperbake.Toolchains.Host;
using Hyperbake.Toolchains.Kernel;

namespace Hyperbake.Toolchains.Tests.Kernel;

/// <summary>Unpacking a pinned tarball into the source cache, once, with the host's tar.</summary>
public sealed class KernelSourceTests
{
    [Fact]
    public void A_tarball_is_checked_unpacked_once_and_then_reused()
    {
        using var temp = new TempDirectory();
        var (tarball, sha) = MakeTarball(temp, withArch: true);
        var runner = new CountingRunner(new HostToolchainRunner());
        var source = new KernelSource(runner);
        var reference = KernelSourceReference.Parse($"tarball:{tarball}#{sha}", temp.Path);

        var first = source.Prepare(reference, temp["cache"]);
        var second = source.Prepare(reference, temp["cache"]);

        first.Should().Be(second).And.Be(temp[$"cache/kernel-source/tarball-{sha[..16]}"]);
        File.ReadAllText(Path.Combine(first, "Makefile")).Should().Be("all:\n");
        File.Exists(first + KernelSource.CompleteMarker).Should().BeTrue();
        runner.Steps.Should().ContainSingle("the second call finds the unpacked tree").Which.Command[0].Should().Be("tar");
    }

    [Fact]
    public void A_tarball_whose_sha256_differs_from_the_pin_is_refused()
    {
        using var temp = new TempDirectory();
        var (tarball, _) = MakeTarball(temp, withArch: true);
        var wrong = new string('0', 64);

        var act = () => new KernelSource(new HostToolchainRunner()).Prepare(KernelSourceReference.Parse($"tarball:{tarball}#{wrong}", temp.Path), temp["cache"]);

        act.Should().Throw<InvalidDataException>().WithMessage($"*linux.tar.gz has sha256*but the recipe pins {wrong}*");
    }

    [Fact]
    public void A_tarball_without_a_kernel_tree_is_refused_and_not_marked_complete()
    {
        using var temp = new TempDirectory();
        var (tarball, sha) = MakeTarball(temp, withArch: false);

        var act = () => new KernelSource(new HostToolchainRunner()).Prepare(KernelSourceReference.Parse($"tarball:{tarball}#{sha}", temp.Path), temp["cache"]);

        act.Should().Throw<InvalidDataException>().WithMessage("*holds no kernel tree*");
        Directory.GetFiles(temp["cache/kernel-source"], "*" + KernelSource.CompleteMarker).Should().BeEmpty();
    }

    private static (string Path, string Sha256) MakeTarball(TempDirectory temp, bool withArch)
    {
        Directory.CreateDirectory(temp["tree/linux-6.1/" + (withArch ? "arch/x86" : "docs")]);
        File.WriteAllText(temp["tree/linux-6.1/Makefile"], "all:\n");
        ExternalTool.Check("tar", "-czf", temp["linux.tar.gz"], "-C", temp["tree"], "linux-6.1");
        return (temp["linux.tar.gz"], Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(temp["linux.tar.gz"]))));
    }

    private sealed class CountingRunner(IToolchainRunner inner) : IToolchainRunner
    {
        public List<ToolchainStep> Steps { get; } = [];

        public string Backend => inner.Backend;

        public void Run(ToolchainStep step)
        {
            Steps.Add(step);
            inner.Run(step);
        }
    }
}
