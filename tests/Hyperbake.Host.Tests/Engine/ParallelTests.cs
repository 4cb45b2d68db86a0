using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Engine;

public sealed class ParallelTests
{
    [Fact]
    public void Independent_tasks_overlap_and_a_dependent_waits_for_both()
    {
        // Given: Left and Right only finish when they run at the same time.
        using var fixture = new HostFixture().Register<LeftTask>().Register<RightTask>().Register<JoinTask>();

        // When
        var exitCode = fixture.Run("--target=Join", "--parallel=2");

        // Then
        exitCode.Should().Be(0);
        var events = fixture.Recorder.Events.ToList();
        events.Should().Contain(["start:Left", "start:Right", "end:Left", "end:Right"]);
        events.IndexOf("start:Join").Should().BeGreaterThan(events.IndexOf("end:Left")).And.BeGreaterThan(events.IndexOf("end:Right"));
    }

    [Fact]
    public void The_output_of_each_parallel_task_stays_in_one_block()
    {
        using var fixture = new HostFixture().Register<LeftTask>().Register<RightTask>().Register<JoinTask>();

        fixture.Run("--target=Join", "--parallel=2").Should().Be(0);

        var output = fixture.Output;
        output.Should().Contain("Left\n========================================\nleft 1\nleft 2\n");
        output.Should().Contain("Right\n========================================\nright 1\nright 2\n");
    }

    [Fact]
    public void The_default_parallelism_is_the_number_of_cores()
    {
        using var fixture = new HostFixture().Register<LeftTask>().Register<RightTask>().Register<JoinTask>();
        fixture.Environment.ProcessorCount = 2;

        fixture.Run("--target=Join", "--parallel").Should().Be(0);

        fixture.Recorder.Events.Should().Contain("start:Join");
    }

    [Fact]
    public void After_a_failure_running_tasks_finish_and_nothing_new_starts()
    {
        using var fixture = new HostFixture().Register<QuickFailTask>().Register<SlowSiblingTask>().Register<AfterQuickFailTask>();

        var exitCode = fixture.Run("--target=AfterQuickFail", "--parallel=2");

        exitCode.Should().Be(-1);
        fixture.Recorder.Events.Should().Contain(["start:QuickFail", "start:SlowSibling", "end:SlowSibling"]);
        fixture.Recorder.Events.Should().NotContain("start:AfterQuickFail");
        fixture.Output.Should().EndWith("Error: quick failure\n");
    }

    [Fact]
    public void Handled_failures_keep_their_semantics_in_parallel()
    {
        using var fixture = new HostFixture().Register<HandledTask>().Register<AfterHandledTask>().Register<ContinuesTask>().Register<AfterContinuesTask>()
            .Register<DefaultAfterBoth>();

        fixture.Run("--parallel=2").Should().Be(0);

        fixture.Recorder.Events.Should().ContainInOrder("run:Handled", "onerror:handled boom", "finally:Handled", "run:AfterHandled");
        fixture.Recorder.Runs.Should().Contain("AfterContinues");
    }

    [Hyperbake.Host.TaskName("Default")]
    [Hyperbake.Host.IsDependentOn(typeof(AfterHandledTask))]
    [Hyperbake.Host.IsDependentOn(typeof(AfterContinuesTask))]
    public sealed class DefaultAfterBoth : Hyperbake.Host.FrostingTask;

    [Fact]
    public void A_zero_parallelism_is_rejected()
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run("--target=Clean", "--parallel=0").Should().Be(-1);

        fixture.Output.Should().Be("Error: --parallel=0 is not a positive number of tasks. Use for example --parallel=1 to run one task at a time.\n");
    }
}
