using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Unknown_switches_become_arguments_in_both_spellings()
    {
        // Given
        using var fixture = new HostFixture().Register<ArgumentsTask>();

        // When
        var exitCode = fixture.Run("--target=Arguments", "--foo=bar", "--name", "value", "--flag", "--many=1", "--many=2", "-x", "--empty=");

        // Then
        exitCode.Should().Be(0);
        fixture.Recorder.Events.Should().Contain([
            "arg:empty=",
            "arg:flag=true",
            "arg:foo=bar",
            "arg:many=1|2",
            "arg:name=value",
            "arg:target=Arguments",
            "arg:x=true",
        ]);
    }

    [Theory]
    [InlineData("quiet")]
    [InlineData("q")]
    [InlineData("QUIET")]
    public void Quiet_shows_errors_only(string value)
    {
        using var fixture = new HostFixture().Register<ChattyTask>();

        fixture.Run("--target=Chatty", "--verbosity", value).Should().Be(0);

        fixture.Output.Should().Be("an error line\n");
    }

    [Theory]
    [InlineData("minimal", "an error line\na warning line\n")]
    [InlineData("m", "an error line\na warning line\n")]
    public void Minimal_adds_warnings(string value, string expected)
    {
        using var fixture = new HostFixture().Register<ChattyTask>();

        fixture.Run("--target=Chatty", "-v", value).Should().Be(0);

        fixture.Output.Should().Be(expected);
    }

    [Fact]
    public void Diagnostic_shows_every_level()
    {
        using var fixture = new HostFixture().Register<ChattyTask>();

        fixture.Run("--target=Chatty", "-v=d").Should().Be(0);

        fixture.Output.Should().Contain("an information line\na verbose line\na debug line\n");
        fixture.Output.Should().Contain("Executing task: Chatty\n");
    }

    [Fact]
    public void Normal_hides_verbose_and_debug()
    {
        using var fixture = new HostFixture().Register<ChattyTask>();

        fixture.Run("--target=Chatty").Should().Be(0);

        fixture.Output.Should().Contain("an information line\n").And.NotContain("a verbose line").And.NotContain("a debug line");
    }

    [Fact]
    public void An_unknown_verbosity_is_rejected()
    {
        using var fixture = new HostFixture().Register<ChattyTask>();

        fixture.Run("--target=Chatty", "--verbosity=loud").Should().Be(-1);

        fixture.Output.Should().Be("Error: The value 'loud' is not a valid verbosity. Use quiet, minimal, normal, verbose or diagnostic.\n");
    }

    [Fact]
    public void A_missing_working_directory_is_named()
    {
        using var fixture = new HostFixture().Register<CleanTask>();
        var missing = fixture.Temp["missing"];

        fixture.Run("--target=Clean", "--working", missing).Should().Be(-1);

        fixture.Output.Should().Be($"Error: The working directory '{missing}' does not exist.\n");
    }

    [Fact]
    public void A_bare_word_is_rejected_with_a_hint()
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run("Clean").Should().Be(-1);

        fixture.Output.Should().Be("Error: Unexpected argument 'Clean'. Options start with -- (for example --target=Clean).\n");
    }

    [Fact]
    public void A_target_option_without_a_value_is_rejected()
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run("--target").Should().Be(-1);

        fixture.Output.Should().Be("Error: The option --target needs a value, for example --target=<value>.\n");
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("--ver")]
    public void Version_prints_a_version_and_exits_zero(string option)
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run(option).Should().Be(0);

        fixture.Output.Should().MatchRegex(@"^\d+\.\d+\.\d+\S*\n$");
        fixture.Recorder.Runs.Should().BeEmpty();
    }

    [Fact]
    public void Info_and_help_exit_zero_without_running_anything()
    {
        using var info = new HostFixture().Register<CleanTask>();
        using var help = new HostFixture().Register<CleanTask>();

        info.Run("--info").Should().Be(0);
        help.Run("-h").Should().Be(0);

        info.Output.Should().StartWith("Hyperbake.Host Version: ");
        help.Output.Should().StartWith("USAGE:\n").And.Contain("--dryrun").And.Contain("--parallel[=N]");
        info.Recorder.Runs.Should().BeEmpty();
        help.Recorder.Runs.Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_graph_format_is_rejected()
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run("--graph=svg").Should().Be(-1);

        fixture.Output.Should().Be("Error: --graph=svg is not a known graph format. Use --graph=dot.\n");
    }
}
