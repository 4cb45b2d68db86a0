namespace Build.Tests.Xen;

/// <summary>The dom0less image is made for arm64, Xen and QEMU virt; anything else is refused before any work.</summary>
public sealed class XenKnobTests
{
    [Theory]
    [InlineData("--hv=kvm", "--arch=arm64", "--platform=qemu-virt", "Could not reach target 'XenImage' since it was skipped due to a criteria: the dom0less image needs --hv=xen")]
    [InlineData("--hv=xen", "--arch=arm64", "--platform=zcu102", "The xen-dom0less image is made for --platform=qemu-virt, not zcu102")]
    [InlineData("--hv=xen", "--arch=amd64", "--platform=qemu-virt", "image recipe 'xen-dom0less' supports arches arm64; --arch=amd64 is not one of them.")]
    public void Other_knobs_are_refused_with_the_fix(string hv, string arch, string platform, string message)
    {
        using var fixture = new XenBuildFixture();

        var exit = fixture.Build.Run("--target=XenImage", hv, arch, platform);

        exit.Should().NotBe(0);
        fixture.Output.Should().Contain(message);
        Directory.Exists(fixture.Build.Root["dist/arm64/0.0.0-unknown/xen-dom0less"]).Should().BeFalse();
    }

    [Fact]
    public void Boot_test_without_a_built_image_says_how_to_build_it()
    {
        using var fixture = new XenBuildFixture();

        fixture.Run("--target=XenBootTest", "--exclusive").Should().NotBe(0);

        fixture.Output.Should().Contain("xen-dom0less.img does not exist; build it with --target=XenImage");
    }
}
