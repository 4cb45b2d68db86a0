using Hyperbake.Testing;
using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Tests.Debian;

public sealed class AptSourcesTests
{
    [Fact]
    public void Reads_the_mirror_from_deb822_and_one_line_sources()
    {
        using var apt = new TempDirectory();
        Directory.CreateDirectory(apt["sources.list.d"]);
        File.WriteAllText(apt["sources.list"], "# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://one.example/debian bookworm-updates main\n");
        File.WriteAllText(apt["sources.list.d/debian.sources"],
            "Types: deb deb-src\nURIs: http://two.example/debian/\nSuites: bookworm bookworm-updates\nComponents: main contrib\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n" +
            "Types: deb\nURIs: http://security.example/debian-security\nSuites: bookworm-security\nComponents: main\n");
        File.WriteAllText(apt["sources.list.d/other.list.disabled"], "deb http://ignored.example/debian bookworm main\n");

        var sources = AptSources.Read(apt.Path);

        sources.Should().HaveCount(4);
        AptSources.FindMirror(sources, "bookworm").Should().Be("http://two.example/debian");
        AptSources.FindMirror(sources, "bookworm-updates").Should().Be("http://one.example/debian");
        AptSources.FindMirror(sources, "bookworm-security").Should().Be("http://security.example/debian-security");
        AptSources.ResolveMirror(new ToolchainSettings(), apt.Path).Should().Be("http://two.example/debian");
        AptSources.ResolveMirror(new ToolchainSettings { DebianMirror = "http://set.example/debian/" }, apt.Path).Should().Be("http://set.example/debian");
    }

    [Fact]
    public void No_mirror_names_the_setting_to_use()
    {
        using var apt = new TempDirectory();
        var act = () => AptSources.ResolveMirror(new ToolchainSettings(), apt.Path);
        act.Should().Throw<InvalidOperationException>().WithMessage("*bookworm*Toolchain_DebianMirror*");
    }

    [Fact]
    public void The_host_names_a_mirror()
    {
        AptSources.ResolveMirror(new ToolchainSettings()).Should().StartWith("http");
    }
}
