using Hyperbake.Toolchains.Kernel;

namespace Hyperbake.Toolchains.Tests.Kernel;

public sealed class KernelSourceReferenceTests
{
    private const string Sha = "9305d1a151b8e83dcb88aa11361e7b9513f0c252bdf7f5647e4542762d99c094";
    private const string Commit = "830b3c68c1fb1e9176028d02ef86f3cf76aa2476";

    [Fact]
    public void The_three_forms_parse_and_print_back()
    {
        var debian = KernelSourceReference.Parse("debian:linux-source-6.1", "/work");
        var tarball = KernelSourceReference.Parse($"tarball:src/linux-6.1.tar.xz#{Sha.ToUpperInvariant()}", "/work");
        var git = KernelSourceReference.Parse($"git:https://example.org/linux.git#{Commit}", "/work");

        debian.Should().Be(new KernelSourceReference(KernelSourceKind.Debian, "linux-source-6.1", ""));
        tarball.Should().Be(new KernelSourceReference(KernelSourceKind.Tarball, "/work/src/linux-6.1.tar.xz", Sha));
        git.Should().Be(new KernelSourceReference(KernelSourceKind.Git, "https://example.org/linux.git", Commit));
        git.ToString().Should().Be($"git:https://example.org/linux.git#{Commit}");
        tarball.ToString().Should().Be($"tarball:/work/src/linux-6.1.tar.xz#{Sha}");
    }

    [Theory]
    [InlineData("linux-source-6.1", "*no known kind*debian:PACKAGE*")]
    [InlineData("svn:linux", "*no known kind*")]
    [InlineData("debian:", "*names no Debian package*")]
    [InlineData("tarball:linux.tar.xz", "*needs '#SHA256'*")]
    [InlineData("tarball:linux.tar.xz#abc", "*64-digit sha256*'abc'*")]
    [InlineData("git:https://example.org/linux.git#v6.1", "*40-digit commit*'v6.1'*")]
    public void Malformed_references_fail_naming_the_value_and_the_forms(string text, string message)
    {
        var act = () => KernelSourceReference.Parse(text, "/work");

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void The_identity_is_the_pinned_content()
    {
        var package = new Hyperbake.Toolchains.Debian.LockedPackage("bookworm", "all", "linux-source-6.1", "6.1.176-1", "pool/x.deb", Sha.ToUpperInvariant(), 1, [], true);

        KernelSource.Identity(KernelSourceReference.Parse("debian:linux-source-6.1", "/"), package).Should().Be(Sha);
        KernelSource.Identity(KernelSourceReference.Parse($"git:u#{Commit}", "/")).Should().Be(Commit);
        var act = () => KernelSource.Identity(KernelSourceReference.Parse("debian:linux-source-6.1", "/"));
        act.Should().Throw<ArgumentException>().WithMessage("*UpdateLock*");
    }
}
