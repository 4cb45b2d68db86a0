using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Engine;

public sealed class LifetimeTests
{
    private static HostFixture Fixture() => new HostFixture()
        .Register<CleanTask>().Register<FailsTask>()
        .Configure(h => h.UseLifetime<RecordingLifetime>().UseTaskLifetime<RecordingTaskLifetime>());

    [Fact]
    public void Setup_and_teardown_surround_the_tasks_and_appear_in_the_summary()
    {
        using var fixture = Fixture();

        fixture.Run("--target=Clean").Should().Be(0);

        fixture.Recorder.Events.Should().Equal(
            "setup:Clean:Clean",
            "tasksetup:Clean",
            "run:Clean",
            "taskteardown:Clean:skipped=False:ok=True",
            "teardown:True:");
        fixture.Output.Should().Contain("\n----------------------------------------\nSetup\n----------------------------------------\n");
        fixture.Output.Should().MatchRegex(@"\nSetup +\S+ +Succeeded\nClean +\S+ +Succeeded\nTeardown +\S+ +Succeeded\n");
    }

    [Fact]
    public void A_failing_setup_runs_no_task_but_runs_teardown()
    {
        using var fixture = Fixture();
        fixture.Recorder.ThrowInSetup = true;

        fixture.Run("--target=Clean").Should().Be(-1);

        fixture.Recorder.Events.Should().Equal("setup:Clean:Clean", "teardown:False:setup failed");
        fixture.Output.Should().EndWith("Error: setup failed\n");
    }

    [Fact]
    public void Teardown_sees_the_task_failure()
    {
        using var fixture = Fixture();

        fixture.Run("--target=Fails").Should().Be(-1);

        fixture.Recorder.Events.Should().ContainInOrder("taskteardown:Fails:skipped=False:ok=False", "teardown:False:boom");
    }

    [Fact]
    public void A_failing_teardown_fails_a_successful_build()
    {
        using var fixture = Fixture();
        fixture.Recorder.ThrowInTeardown = true;

        fixture.Run("--target=Clean").Should().Be(-1);

        fixture.Output.Should().Contain("An error occurred in a custom teardown action.\n");
        fixture.Output.Should().EndWith("Error: teardown failed\n");
    }

    [Fact]
    public void A_failing_teardown_after_a_failure_is_only_logged()
    {
        using var fixture = Fixture();
        fixture.Recorder.ThrowInTeardown = true;

        fixture.Run("--target=Fails").Should().Be(-1);

        fixture.Output.Should().Contain("Teardown error: System.InvalidOperationException: teardown failed");
        fixture.Output.Should().EndWith("Error: boom\n\tthe inner reason\n");
    }

    [Fact]
    public void A_failing_task_teardown_fails_a_successful_task()
    {
        using var fixture = Fixture();
        fixture.Recorder.ThrowInTaskTeardown = true;

        fixture.Run("--target=Clean").Should().Be(-1);

        fixture.Output.Should().Contain("An error occurred in the custom task teardown action (Clean).\n");
        fixture.Output.Should().EndWith("Error: task teardown failed\n");
    }

    [Fact]
    public void A_failing_task_teardown_after_a_task_failure_is_only_logged()
    {
        using var fixture = Fixture();
        fixture.Recorder.ThrowInTaskTeardown = true;

        fixture.Run("--target=Fails").Should().Be(-1);

        fixture.Output.Should().Contain("Task Teardown error (Fails): System.InvalidOperationException: task teardown failed");
        fixture.Output.Should().EndWith("Error: boom\n\tthe inner reason\n");
    }
}
