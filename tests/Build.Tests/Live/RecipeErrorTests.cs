namespace Build.Tests.Live;

public sealed class RecipeErrorTests
{
    [Fact]
    public void An_unknown_recipe_key_fails_before_any_work_naming_file_and_line()
    {
        using var fixture = new LiveFixture();
        File.AppendAllText(fixture.Root["recipes/live.yaml"], "colour: blue\n");

        var exit = fixture.Run("--target=LiveImage");

        exit.Should().NotBe(0);
        fixture.Output.Should().MatchRegex(@"Error: recipes/live\.yaml:\d+: unknown key 'colour' in an image recipe");
        Directory.Exists(fixture.Dist).Should().BeTrue("the effective recipe folder and logs may exist");
        File.Exists(Path.Combine(fixture.Dist, "live.raw")).Should().BeFalse();
        File.Exists(Path.Combine(fixture.Dist, "rootfs.tar")).Should().BeFalse();
    }
}
