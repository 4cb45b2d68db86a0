namespace Hyperbake.Toolchains.Tests;

public sealed class ToolchainSettingsTests
{
    [Fact]
    public void Reads_settings_by_their_cake_config_names_with_defaults()
    {
        var values = new Dictionary<string, string> { ["Toolchain_Backend"] = "host", ["Toolchain_DebianMirror"] = "http://m.example/debian", ["Cache_Path"] = "/tmp/c" };

        var settings = ToolchainSettings.From(values.GetValueOrDefault);

        settings.Backend.Should().Be("host");
        settings.BaseImage.Should().Be("hyperbake/debian-base:bookworm");
        settings.DebianMirror.Should().Be("http://m.example/debian");
        settings.DebCacheDirectory.Should().Be("/tmp/c/debs");
    }

    [Fact]
    public void A_bad_backend_names_the_allowed_values()
    {
        var act = () => ToolchainSettings.From(n => n == "Toolchain_Backend" ? "podman" : null);
        act.Should().Throw<ArgumentException>().WithMessage("Toolchain_Backend='podman'*'auto', 'docker' or 'host'*");
    }

    [Fact]
    public void The_host_backend_is_chosen_by_setting()
    {
        ToolchainRunners.Create(new ToolchainSettings { Backend = "host" }, TestEnvironment.LayersRoot).Backend.Should().Be("host");
        ToolchainRunners.Create(new ToolchainSettings { Backend = "docker" }, TestEnvironment.LayersRoot).Backend.Should().Be("docker");
    }
}
