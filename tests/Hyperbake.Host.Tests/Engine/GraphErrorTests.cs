using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Engine;

public sealed class GraphErrorTests
{
    [Fact]
    public void A_task_depending_on_itself_is_rejected()
    {
        using var fixture = new HostFixture().Register<SelfTask>();

        fixture.Run("--target=Self").Should().Be(-1);

        fixture.Output.Should().Be("Error: Reflexive edges in graph are not allowed.\n");
    }

    [Fact]
    public void Two_tasks_depending_on_each_other_are_rejected()
    {
        using var fixture = new HostFixture().Register<PTask>().Register<QTask>();

        fixture.Run("--target=P").Should().Be(-1);

        fixture.Output.Should().Be("Error: Unidirectional edges in graph are not allowed.\n\"P\" and \"Q\" cannot depend on each other.\n");
    }

    [Fact]
    public void A_longer_cycle_is_rejected()
    {
        using var fixture = new HostFixture().Register<Cycle1Task>().Register<Cycle2Task>().Register<Cycle3Task>();

        fixture.Run("--tree").Should().Be(-1);

        fixture.Output.Should().Be("Error: Graph contains circular references.\n");
    }

    [Fact]
    public void A_missing_dependency_is_named()
    {
        using var fixture = new HostFixture().Register<OrphanTask>();

        fixture.Run("--target=Orphan").Should().Be(-1);

        fixture.Output.Should().Be("Error: Task 'Orphan' is dependent on task 'NeverRegistered' which does not exist.\n");
    }

    [Fact]
    public void A_dependency_that_is_not_a_task_is_named()
    {
        using var fixture = new HostFixture().Register<NotATaskDependencyTask>();

        fixture.Run("--target=NotATask").Should().Be(-1);

        fixture.Output.Should().Be("Error: The dependency 'System.String' is not a valid task.\n");
    }

    [Fact]
    public void Two_tasks_with_the_same_name_in_any_case_are_rejected()
    {
        using var fixture = new HostFixture().Register<CleanTask>().Register<DuplicateCleanTask>();

        fixture.Run("--target=Clean").Should().Be(-1);

        fixture.Output.Should().Be("Error: Another task with the name 'clean' has already been added.\n");
    }

    [Fact]
    public void An_unknown_target_is_named()
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run("--target=Nope").Should().Be(-1);

        fixture.Output.Should().Be("Error: The target 'Nope' was not found.\n");
        fixture.Recorder.Runs.Should().BeEmpty();
    }

    [Fact]
    public void Several_unknown_targets_are_all_named()
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run("--target=Nope", "--target=Clean", "--target=Nada").Should().Be(-1);

        fixture.Output.Should().Be("Error: The targets 'Nope', 'Nada' were not found.\n");
        fixture.Recorder.Runs.Should().BeEmpty();
    }

    [Fact]
    public void Without_a_Default_task_and_without_a_target_the_run_fails()
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run().Should().Be(-1);

        fixture.Output.Should().Be("Error: The target 'Default' was not found.\n");
    }
}
