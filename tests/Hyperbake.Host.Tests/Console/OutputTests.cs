using Hyperbake.Host.Tests.Fixtures;

namespace Hyperbake.Host.Tests.Console;

public sealed class OutputTests
{
    [Fact]
    public void Each_executed_task_writes_its_own_log_file_with_every_line()
    {
        // Given
        using var fixture = new HostFixture().Register<ChattyTask>().Register<SkippedTask>().Register<CleanTask>()
            .Configure(h => h.UseTaskLogDirectory<ICakeContext>(_ => "logs"))
            .Register<ChattyAfterSkipped>();

        // When
        var exitCode = fixture.Run("--target=ChattyAfterSkipped", "--verbosity=quiet");

        // Then
        exitCode.Should().Be(0);
        var logs = fixture.Temp["logs"];
        File.ReadAllText(Path.Combine(logs, "Chatty.log")).Should().Be(
            "\n========================================\nChatty\n========================================\n" +
            "Executing task: Chatty\nan error line\na warning line\nan information line\na verbose line\na debug line\n" +
            "Finished executing task: Chatty\n" + File.ReadAllLines(Path.Combine(logs, "Chatty.log"))[^1] + "\n");
        File.ReadAllLines(Path.Combine(logs, "Chatty.log"))[^1].Should().StartWith("Completed in ");
        File.Exists(Path.Combine(logs, "Skipped.log")).Should().BeFalse("a skipped task runs nothing worth a log");
        Directory.GetFiles(logs).Select(Path.GetFileName).Should().BeEquivalentTo(["Chatty.log", "ChattyAfterSkipped.log"]);
    }

    [Hyperbake.Host.TaskName("ChattyAfterSkipped")]
    [Hyperbake.Host.IsDependentOn(typeof(SkippedTask))]
    [Hyperbake.Host.IsDependentOn(typeof(ChattyTask))]
    public sealed class ChattyAfterSkipped : Hyperbake.Host.FrostingTask
    {
        public override void Run(ICakeContext context) => context.Log.Information("done");
    }

    [Fact]
    public void On_GitHub_Actions_each_task_is_a_folded_group()
    {
        using var fixture = new HostFixture().Register<CleanTask>().Register<RestoreTask>().Register<BuildTask>().Register<LintTask>();
        fixture.Environment.Variables["GITHUB_ACTIONS"] = "true";

        fixture.Run("--target=Build").Should().Be(0);

        fixture.Output.Should().Contain("::group::Clean\n\n========================================\nClean\n========================================\nClean ran\n::endgroup::\n");
        fixture.Output.Should().Contain("::group::Build\n");
    }

    [Fact]
    public void Without_GitHub_Actions_there_are_no_group_markers()
    {
        using var fixture = new HostFixture().Register<CleanTask>();

        fixture.Run("--target=Clean").Should().Be(0);

        fixture.Output.Should().NotContain("::group::");
    }

    [Fact]
    public void The_normal_run_output_has_headers_and_a_summary()
    {
        using var fixture = new HostFixture().Register<CleanTask>().Register<RestoreTask>().Register<BuildTask>().Register<LintTask>();

        fixture.Run("--target=Build").Should().Be(0);

        var lines = fixture.Output.Split('\n');
        lines.Take(5).Should().Equal("", "========================================", "Clean", "========================================", "Clean ran");
        fixture.Output.Should().MatchRegex(@"\n\nTask +Duration +Status\n-{70}\nClean +\S+ +Succeeded\nRestore +\S+ +Succeeded\nLint +\S+ +Succeeded\nBuild +\S+ +Succeeded\n-{70}\nTotal: +\d\d:\d\d:\d\d\.\d{7}\n$");
    }
}
