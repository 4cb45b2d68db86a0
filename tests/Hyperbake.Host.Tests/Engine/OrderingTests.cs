using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Engine;

public sealed class OrderingTests
{
    private static HostFixture BuildFixture() => new HostFixture()
        .Register<CleanTask>().Register<RestoreTask>().Register<BuildTask>().Register<LintTask>()
        .Register<TestTask>().Register<PackTask>().Register<DefaultTask>();

    [Fact]
    public void Dependencies_run_depth_first_in_declaration_order_then_dependees()
    {
        // Given
        using var fixture = BuildFixture();

        // When
        var exitCode = fixture.Run("--target=Pack");

        // Then
        exitCode.Should().Be(0);
        fixture.Recorder.Runs.Should().Equal("Clean", "Restore", "Lint", "Build", "Test", "Pack");
    }

    [Fact]
    public void Without_a_target_the_Default_task_runs()
    {
        using var fixture = BuildFixture();

        fixture.Run().Should().Be(0);

        fixture.Recorder.Runs.Should().Equal("Clean", "Restore", "Lint", "Build", "Test", "Pack");
    }

    [Fact]
    public void Target_names_are_case_insensitive()
    {
        using var fixture = BuildFixture();

        fixture.Run("-t", "bUiLd").Should().Be(0);

        fixture.Recorder.Runs.Should().Equal("Clean", "Restore", "Lint", "Build");
    }

    [Fact]
    public void Exclusive_runs_only_the_target()
    {
        using var fixture = BuildFixture();

        fixture.Run("--target=Test", "--exclusive").Should().Be(0);

        fixture.Recorder.Runs.Should().Equal("Test");
    }

    [Fact]
    public void Several_targets_run_in_order_with_one_setup_and_no_task_twice()
    {
        // Given
        using var fixture = BuildFixture().Configure(h => h.UseLifetime<RecordingLifetime>());

        // When
        var exitCode = fixture.Run("--target=Restore", "--target", "Test", "-t", "Lint");

        // Then
        exitCode.Should().Be(0);
        fixture.Recorder.Runs.Should().Equal("Restore", "Clean", "Lint", "Build", "Test");
        fixture.Recorder.Events.Count(e => e.StartsWith("setup:", StringComparison.Ordinal)).Should().Be(1);
        fixture.Recorder.Events[0].Should().Be("setup:Restore:Restore,Clean,Lint,Build,Test");
    }

    [Fact]
    public void A_task_without_TaskName_is_named_after_its_class()
    {
        using var fixture = new HostFixture().Register<UnnamedTask>();

        fixture.Run("--target=UnnamedTask").Should().Be(0);

        fixture.Recorder.Runs.Should().Equal("UnnamedTask");
    }

    [Fact]
    public void Async_tasks_run()
    {
        using var fixture = new HostFixture().Register<AsyncTask>();

        fixture.Run("--target=Async").Should().Be(0);

        fixture.Recorder.Runs.Should().Equal("Async");
    }

    [Fact]
    public void A_task_for_another_context_type_is_left_out_with_a_warning()
    {
        using var fixture = new HostFixture().Register<SpecialContextTask>().Register<DocsTask>();

        var exitCode = fixture.Run("--target=Special");

        exitCode.Should().Be(-1);
        fixture.Output.Should().Contain("Task cannot be used since the context isn't convertible to Hyperbake.Host.Tests.Fixtures.SpecialContext.");
        fixture.Output.Should().Contain("Error: The target 'Special' was not found.");
    }
}
