using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Reporting;

public sealed class OutputShapeTests
{
    private static HostFixture BuildFixture() => new HostFixture()
        .Register<CleanTask>().Register<RestoreTask>().Register<BuildTask>().Register<LintTask>()
        .Register<TestTask>().Register<PackTask>().Register<DefaultTask>().Register<DocsTask>()
        .Register<SkippedTask>().Register<AfterSkippedTask>();

    [Fact]
    public void Dry_run_lists_the_tasks_that_would_run()
    {
        using var fixture = BuildFixture();

        fixture.Run("--dryrun", "--target=Pack").Should().Be(0);

        fixture.Recorder.Runs.Should().BeEmpty();
        Expectation.Verify("DryRun", fixture.Output);
    }

    [Fact]
    public void Dry_run_runs_setup_and_teardown_evaluates_criteria_and_names_several_targets()
    {
        using var fixture = BuildFixture().Configure(h => h.UseLifetime<RecordingLifetime>().UseTaskLifetime<RecordingTaskLifetime>());

        fixture.Run("--noop", "--target=AfterSkipped", "--target=Docs").Should().Be(0);

        fixture.Recorder.Events.Should().Equal("setup:AfterSkipped:Skipped,AfterSkipped,Docs", "teardown:True:");
        Expectation.Verify("DryRunTargets", fixture.Output);
    }

    [Fact]
    public void Tree_shows_top_level_tasks_Default_first_with_their_dependencies()
    {
        using var fixture = BuildFixture();

        fixture.Run("--tree", "--target=Docs").Should().Be(0);

        Expectation.Verify("Tree", fixture.Output);
    }

    [Fact]
    public void Description_lists_every_task()
    {
        using var fixture = BuildFixture();

        fixture.Run("--descriptions").Should().Be(0);

        Expectation.Verify("Description", fixture.Output);
    }

    [Fact]
    public void Graph_prints_graphviz_dot()
    {
        using var fixture = BuildFixture();

        fixture.Run("--graph=dot").Should().Be(0);

        Expectation.Verify("Graph", fixture.Output);
    }

    [Fact]
    public void The_summary_has_Cake_s_shape_with_a_reason_column_when_needed()
    {
        // Given
        var report = new CakeReport();
        report.Add("Setup", CakeReportEntryCategory.Setup, TimeSpan.FromMilliseconds(12.5));
        report.Add("Compile", CakeReportEntryCategory.Task, TimeSpan.FromSeconds(3.25));
        report.AddSkipped("Sign", "no signing key");
        report.AddCached("Rootfs", TimeSpan.FromMilliseconds(40), "inputs unchanged since 3f2a");
        report.AddDelegated("Default", TimeSpan.FromTicks(10));
        report.AddFailed("Upload", TimeSpan.FromMinutes(1));
        report.Add("Teardown", CakeReportEntryCategory.Teardown, TimeSpan.FromMilliseconds(1));

        // When
        var text = string.Concat(PlainReportPrinter.Render(report, Verbosity.Normal).Select(l => l.Line + "\n"));

        // Then
        Expectation.Verify("Summary", text);
    }

    [Fact]
    public void The_summary_without_reasons_has_three_columns_and_shows_delegated_rows_at_verbose()
    {
        var report = new CakeReport();
        report.Add("A-rather-long-task-name-for-the-column", CakeReportEntryCategory.Task, TimeSpan.FromSeconds(1));
        report.AddDelegated("Default", TimeSpan.Zero);

        var text = string.Concat(PlainReportPrinter.Render(report, Verbosity.Verbose).Select(l => l.Line + "\n"));

        Expectation.Verify("SummaryVerbose", text);
    }
}
