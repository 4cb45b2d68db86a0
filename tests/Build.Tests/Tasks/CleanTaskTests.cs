using Build.Tests.Fixtures;

namespace Build.Tests.Tasks;

public sealed class CleanTaskTests
{
    [Fact]
    public void Clean_removes_dist_and_writes_nothing_else()
    {
        // Given
        using var fixture = new BuildFixture();
        Directory.CreateDirectory(fixture.Root["dist/amd64/old/logs"]);
        File.WriteAllText(fixture.Root["dist/amd64/old/live.raw"], "x");

        // When
        var exitCode = fixture.Run("--target=Clean");

        // Then
        exitCode.Should().Be(0);
        Directory.Exists(fixture.Root["dist"]).Should().BeFalse();
        fixture.Output.Should().Contain("Removed " + fixture.Root["dist"]);
    }

    [Fact]
    public void Other_tasks_log_to_dist_arch_version_logs()
    {
        using var fixture = new BuildFixture();

        fixture.Run("--target=Default", "--arch=arm64").Should().Be(0);

        File.ReadAllText(fixture.Root["dist/arm64/0.0.0-unknown/logs/Default.log"]).Should().Contain("Pick a target with --target=<Name>");
    }
}
