using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Engine;

public sealed class CriteriaTests
{
    [Fact]
    public void A_skipped_dependency_does_not_stop_its_dependents()
    {
        // Given
        using var fixture = new HostFixture().Register<SkippedTask>().Register<AfterSkippedTask>();

        // When
        var exitCode = fixture.Run("--target=AfterSkipped");

        // Then
        exitCode.Should().Be(0);
        fixture.Recorder.Runs.Should().Equal("AfterSkipped");
        fixture.Output.Should().MatchRegex(@"\nSkipped +- +Skipped +not on this machine\n");
    }

    [Fact]
    public void A_skipped_target_is_an_error_naming_the_criteria_message()
    {
        using var fixture = new HostFixture().Register<SkippedTask>();

        fixture.Run("--target=Skipped").Should().Be(-1);

        fixture.Output.Should().EndWith("Error: Could not reach target 'Skipped' since it was skipped due to a criteria: not on this machine.\n");
    }

    [Fact]
    public void A_skipped_target_without_a_message_says_so()
    {
        using var fixture = new HostFixture().Register<SkippedQuietlyTask>();

        fixture.Run("--target=SkippedQuietly").Should().Be(-1);

        fixture.Output.Should().EndWith("Error: Could not reach target 'SkippedQuietly' since it was skipped due to a criteria.\n");
    }

    [Fact]
    public void Skipped_tasks_still_get_task_setup_and_teardown()
    {
        using var fixture = new HostFixture().Register<SkippedTask>().Register<AfterSkippedTask>()
            .Configure(h => h.UseTaskLifetime<RecordingTaskLifetime>());

        fixture.Run("--target=AfterSkipped").Should().Be(0);

        fixture.Recorder.Events.Should().Equal(
            "tasksetup:Skipped",
            "taskteardown:Skipped:skipped=True:ok=True",
            "tasksetup:AfterSkipped",
            "run:AfterSkipped",
            "taskteardown:AfterSkipped:skipped=False:ok=True");
    }

    [Fact]
    public void The_skip_message_is_logged_at_verbose()
    {
        using var fixture = new HostFixture().Register<SkippedTask>().Register<AfterSkippedTask>();

        fixture.Run("--target=AfterSkipped", "--verbosity=verbose").Should().Be(0);

        fixture.Output.Should().Contain("Skipping task: not on this machine\n");
    }
}
