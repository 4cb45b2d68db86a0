namespace Build.Tests.Live;

[Collection(LiveCollection.Name)]
public sealed class ReproducibilityTests
{
    [Fact]
    public void Two_clean_builds_with_the_same_SOURCE_DATE_EPOCH_give_identical_SHA256SUMS()
    {
        using var first = new LiveFixture();
        using var second = new LiveFixture();

        first.Run("--target=LiveImage", "--img-format=all").Should().Be(0, first.Output);
        second.Run("--target=LiveImage", "--img-format=all").Should().Be(0, second.Output);

        File.ReadAllLines(Path.Combine(first.Dist, "SHA256SUMS")).Select(l => l.Split("  ")[1])
            .Should().Contain(["live.raw", "live.qcow2", "live.vdi", "live.vhdx", "live.vmdk", "live.img.tar.gz"], "every format is compared");
        File.ReadAllText(Path.Combine(second.Dist, "SHA256SUMS")).Should().Be(File.ReadAllText(Path.Combine(first.Dist, "SHA256SUMS")));
        second.Output.Should().NotContain("restored from cache", "each build has its own cache, so this compares two real builds");
    }
}
