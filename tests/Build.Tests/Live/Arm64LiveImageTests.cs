namespace Build.Tests.Live;

[Collection(LiveCollection.Name)]
public sealed class Arm64LiveImageTests
{
    [Fact]
    public void The_same_recipe_builds_and_boots_for_arm64_with_AAVMF()
    {
        using var fixture = new LiveFixture();

        fixture.Run("--target=BootTest", "--arch=arm64", "--boot-timeout=400").Should().Be(0, fixture.Output);

        var log = File.ReadAllText(fixture.Root["dist/arm64/1.0.0/logs/boot-live.raw.log"]);
        log.Should().Contain("Hyperbake live 1.0.0 (arm64, hv=kvm, platform=generic) is up [root: /dev/vda2 squashfs]");
        log.Should().Contain("qemu-system-aarch64").And.Contain("AAVMF_CODE.fd");
    }
}
