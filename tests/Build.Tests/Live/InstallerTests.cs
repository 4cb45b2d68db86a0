using Hyperbake.Testing;

namespace Build.Tests.Live;

[Collection(LiveCollection.Name)]
public sealed class InstallerTests
{
    [Fact]
    public void Installer_raw_and_iso_boot_to_the_installer_banner()
    {
        using var fixture = new LiveFixture();

        fixture.Run("--target=InstallerBootTest").Should().Be(0, fixture.Output);

        var dist = fixture.Dist;
        File.ReadAllText(Path.Combine(dist, "logs", "boot-installer.raw.log")).Should().Contain("Hyperbake installer 1.0.0 (amd64) is up [root: /dev/vda2 squashfs]");
        File.ReadAllText(Path.Combine(dist, "logs", "boot-installer.iso.log")).Should().Contain("Hyperbake installer 1.0.0 (amd64) is up [root: /dev/loop");
        var sfdisk = ExternalTool.Check("sfdisk", "-d", Path.Combine(dist, "installer.raw")).StdOut;
        sfdisk.Should().Contain("name=\"CONFIG\"").And.Contain("type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7");
        ExternalTool.Check("xorriso", "-indev", Path.Combine(dist, "installer.iso"), "-report_el_torito", "plain").Output.Should().Contain("UEFI");
    }
}
