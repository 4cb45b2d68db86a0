using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Tests.Debian;

public sealed class DebianVersionTests
{
    [Theory]
    [InlineData("1.0", "1.0", 0)]
    [InlineData("1.0", "1.1", -1)]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1.0", "1.0+b1", -1)]
    [InlineData("1:0.9", "2.0", 1)]
    [InlineData("1.0-1", "1.0-1+deb12u1", -1)]
    [InlineData("2.36-9+deb12u4", "2.36-9+deb12u10", -1)]
    [InlineData("1.0a", "1.0+", -1)]
    [InlineData("001.2", "1.2", 0)]
    [InlineData("6.1.176-1", "6.1.76-1", 1)]
    public void Orders_versions_as_dpkg_does(string a, string b, int expected)
    {
        Math.Sign(DebianVersion.Compare(a, b)).Should().Be(expected);
        Math.Sign(DebianVersion.Compare(b, a)).Should().Be(-expected);
    }

    [Fact]
    public void Agrees_with_dpkg_compare_versions()
    {
        string[] versions = ["1.0~rc1", "1.0", "1.0-0.1", "1.0-1", "1.0-1+b1", "1:0.1", "1.0+dfsg-2~bpo12+1", "2.0a", "2.0+"];
        // Sorted our way, each neighbour must be strictly greater by dpkg's judgement too.
        var sorted = versions.Order(Comparer<string>.Create(DebianVersion.Compare)).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            Hyperbake.Testing.ExternalTool.Run("dpkg", "--compare-versions", sorted[i - 1], "lt", sorted[i]).ExitCode.Should().Be(0, $"dpkg says {sorted[i - 1]} < {sorted[i]}");
        }
    }
}
