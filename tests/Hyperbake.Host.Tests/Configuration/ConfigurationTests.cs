using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Configuration;

public sealed class ConfigurationTests
{
    private static string ConfigValue(HostFixture fixture) =>
        fixture.Recorder.Events.Single(e => e.StartsWith("config:", StringComparison.Ordinal))["config:".Length..];

    [Fact]
    public void Host_defaults_are_the_lowest_layer()
    {
        using var fixture = new HostFixture().Register<ArgumentsTask>().Configure(h => h.UseCakeSetting("Section_Key", "default"));

        fixture.Run("--target=Arguments").Should().Be(0);

        ConfigValue(fixture).Should().Be("default");
    }

    [Fact]
    public void Environment_overrides_defaults()
    {
        using var fixture = new HostFixture().Register<ArgumentsTask>().Configure(h => h.UseCakeSetting("Section_Key", "default"));
        fixture.Environment.Variables["CAKE_SECTION_KEY"] = "environment";

        fixture.Run("--target=Arguments").Should().Be(0);

        ConfigValue(fixture).Should().Be("environment");
    }

    [Fact]
    public void Cake_config_overrides_the_environment()
    {
        using var fixture = new HostFixture().Register<ArgumentsTask>().Configure(h => h.UseCakeSetting("Section_Key", "default"));
        fixture.Environment.Variables["CAKE_SECTION_KEY"] = "environment";
        File.WriteAllText(fixture.Temp["cake.config"], "; settings\n[Section]\nKey=file\n");

        fixture.Run("--target=Arguments").Should().Be(0);

        ConfigValue(fixture).Should().Be("file");
    }

    [Fact]
    public void The_command_line_overrides_everything()
    {
        using var fixture = new HostFixture().Register<ArgumentsTask>().Configure(h => h.UseCakeSetting("Section_Key", "default"));
        fixture.Environment.Variables["CAKE_SECTION_KEY"] = "environment";
        File.WriteAllText(fixture.Temp["cake.config"], "[Section]\nKey=file\n");

        fixture.Run("--target=Arguments", "--section_key=cli").Should().Be(0);

        ConfigValue(fixture).Should().Be("cli");
    }

    [Fact]
    public void Cake_config_is_read_from_the_working_directory_option()
    {
        using var fixture = new HostFixture().Register<ArgumentsTask>();
        Directory.CreateDirectory(fixture.Temp["sub"]);
        File.WriteAllText(fixture.Temp["sub/cake.config"], "[Section]\nKey=sub\n");

        fixture.Run("--target=Arguments", "-w", "sub").Should().Be(0);

        ConfigValue(fixture).Should().Be("sub");
        fixture.Environment.WorkingDirectory.Should().Be(fixture.Temp["sub"]);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_values_expand_environment_variables()
    {
        var environment = new FakeEnvironment("/") { Variables = { ["HOME"] = "/home/u" } };

        var values = ConfigurationParser.Parse("[paths]\ncache=%HOME%/.cache;x\n  ; note\nkey=%UNSET% 100%\n", "cake.config", environment);
        var configuration = new CakeConfiguration(values);

        configuration.GetValue("Paths_Cache").Should().Be("/home/u/.cache;x");
        configuration.GetValue("PATHS_KEY").Should().Be("%UNSET% 100%");
        configuration.GetValue("Paths_Missing").Should().BeNull();
    }

    [Theory]
    [InlineData("[My Section]\n", "cake.config:1: the section name 'My Section' contains whitespace, which is not allowed.")]
    [InlineData("[S]\nmy key=1\n", "cake.config:2: the key 'my key' contains whitespace, which is not allowed.")]
    [InlineData("[S]\n\njunk\n", "cake.config:3: 'junk' is neither a comment, a [Section] nor Key=Value.")]
    [InlineData("[S\n", "cake.config:1: '[S' is not a section header; write [Section].")]
    public void Malformed_lines_name_the_file_and_line(string text, string message)
    {
        var act = () => ConfigurationParser.Parse(text, "cake.config", new FakeEnvironment("/"));

        act.Should().Throw<CakeException>().WithMessage(message);
    }

    [Fact]
    public void A_malformed_cake_config_fails_the_run_with_its_line()
    {
        using var fixture = new HostFixture().Register<ArgumentsTask>();
        File.WriteAllText(fixture.Temp["cake.config"], "[Section]\nKey\n");

        fixture.Run("--target=Arguments").Should().Be(-1);

        fixture.Output.Should().Be($"Error: {fixture.Temp["cake.config"]}:2: 'Key' is neither a comment, a [Section] nor Key=Value.\n");
    }
}
