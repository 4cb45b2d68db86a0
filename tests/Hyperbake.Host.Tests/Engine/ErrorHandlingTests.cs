using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Engine;

public sealed class ErrorHandlingTests
{
    [Fact]
    public void An_unhandled_failure_stops_the_build_prints_the_summary_and_exits_minus_one()
    {
        // Given
        using var fixture = new HostFixture().Register<FailsTask>().Register<AfterFailsTask>();

        // When
        var exitCode = fixture.Run("--target=AfterFails");

        // Then
        exitCode.Should().Be(-1);
        fixture.Recorder.Events.Should().Equal("run:Fails", "finally:Fails");
        var output = fixture.Output;
        output.Should().Contain("An error occurred when executing task 'Fails'.\n");
        output.Should().MatchRegex(@"\nFails +\d\d:\d\d:\d\d\.\d{7} +Failed\n");
        output.Should().EndWith("Error: boom\n\tthe inner reason\n");
        output.IndexOf("Total:", StringComparison.Ordinal).Should().BeLessThan(output.IndexOf("Error: boom", StringComparison.Ordinal));
    }

    [Fact]
    public void OnError_swallows_the_failure_then_Finally_runs_and_the_build_goes_on()
    {
        using var fixture = new HostFixture().Register<HandledTask>().Register<AfterHandledTask>();

        var exitCode = fixture.Run("--target=AfterHandled");

        exitCode.Should().Be(0);
        fixture.Recorder.Events.Should().Equal("run:Handled", "onerror:handled boom", "finally:Handled", "run:AfterHandled");
        fixture.Output.Should().MatchRegex(@"\nHandled +\S+ +Failed\n");
        fixture.Output.Should().MatchRegex(@"\nAfterHandled +\S+ +Succeeded\n");
    }

    [Fact]
    public void An_exception_from_OnError_fails_the_build_after_Finally()
    {
        using var fixture = new HostFixture().Register<RethrowsTask>();

        var exitCode = fixture.Run("--target=Rethrows");

        exitCode.Should().Be(-1);
        fixture.Recorder.Events.Should().Equal("finally:Rethrows");
        fixture.Output.Should().Contain("Error: first\n");
        fixture.Output.Should().EndWith("Error: from the handler\n");
    }

    [Fact]
    public void ContinueOnError_shows_Failed_and_exits_zero()
    {
        using var fixture = new HostFixture().Register<ContinuesTask>().Register<AfterContinuesTask>();

        var exitCode = fixture.Run("--target=AfterContinues");

        exitCode.Should().Be(0);
        fixture.Recorder.Runs.Should().Equal("AfterContinues");
        fixture.Output.Should().MatchRegex(@"\nContinues +\S+ +Failed\n");
        fixture.Output.Should().NotContain("Error: ");
    }

    [Fact]
    public void A_task_reporting_a_cache_hit_shows_Cached_with_the_reason()
    {
        using var fixture = new HostFixture().Register<CachedTask>().Register<DocsTask>();

        fixture.Run("--target=Cached").Should().Be(0);

        fixture.Output.Should().MatchRegex(@"\nTask +Duration +Status +Skip Reason\n");
        fixture.Output.Should().MatchRegex(@"\nCached +\d\d:\d\d:\d\d\.\d{7} +Cached +inputs unchanged\n");
    }

    [Fact]
    public void ReportCached_outside_a_task_is_an_error()
    {
        var context = new HostContext(new CakeArguments([]), new CakeConfiguration([]), new NullLog(), new FakeEnvironment("/"));

        var act = () => context.ReportCached("no task");

        act.Should().Throw<InvalidOperationException>().WithMessage("ReportCached can only be called while a task runs.");
    }

    private sealed class NullLog : ICakeLog
    {
        public Verbosity Verbosity { get; set; }

        public void Write(Verbosity verbosity, LogLevel level, string format, params object?[] args)
        {
        }
    }
}
