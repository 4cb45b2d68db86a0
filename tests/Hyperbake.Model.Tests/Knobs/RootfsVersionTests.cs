using Hyperbake.Model.Knobs;

namespace Hyperbake.Model.Tests.Knobs;

public sealed class RootfsVersionTests
{
    [Fact]
    public void A_clean_tree_is_the_describe_output()
    {
        RootfsVersion.Compose("v1.2.3-4-gabcdef0\n", dirty: false).Should().Be("v1.2.3-4-gabcdef0");
    }

    [Fact]
    public void A_dirty_tree_appends_dirty()
    {
        RootfsVersion.Compose("abcdef0\n", dirty: true).Should().Be("abcdef0-dirty");
    }

    [Fact]
    public void No_describe_output_means_unknown()
    {
        RootfsVersion.Compose("  ", dirty: true).Should().Be("0.0.0-unknown");
    }

    [Theory]
    [InlineData("v1.2.3-4-gabcdef0-dirty", null)]
    [InlineData("..", "it is a relative directory name")]
    [InlineData("a b", "it contains ' '; use letters, digits, '.', '-', '_', '+' and '~'")]
    public void Versions_must_be_one_directory_name(string version, string? problem)
    {
        RootfsVersion.Problem(version).Should().Be(problem);
    }
}
