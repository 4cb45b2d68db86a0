using System.Diagnostics;
using Build.Versioning;
using Hyperbake.Testing;

namespace Build.Tests.Versioning;

public sealed class GitVersionTests
{
    [Fact]
    public void Outside_a_checkout_the_version_is_unknown_and_there_is_no_commit_time()
    {
        using var folder = new TempDirectory();

        GitVersion.DescribeRootfsVersion(folder.Path).Should().Be("0.0.0-unknown");
        GitVersion.LastCommitTime(folder.Path).Should().BeNull();
    }

    [Fact]
    public void A_clean_tagged_checkout_is_its_tag_with_the_commit_time()
    {
        using var repo = NewRepository();

        GitVersion.DescribeRootfsVersion(repo.Path).Should().Be("v1.2.3");
        GitVersion.LastCommitTime(repo.Path).Should().Be(1700000000);
    }

    [Fact]
    public void A_checkout_with_changed_or_untracked_files_is_dirty_and_keeps_its_version_across_edits()
    {
        // Given
        using var changed = NewRepository();
        File.WriteAllText(changed["a.txt"], "changed\n");
        using var untracked = NewRepository();
        File.WriteAllText(untracked["new.txt"], "untracked\n");
        using var ignored = NewRepository();
        File.WriteAllText(ignored[".git/info/exclude"], "dist/\n");
        Directory.CreateDirectory(ignored["dist"]);
        File.WriteAllText(ignored["dist/live.raw"], "output\n");

        // When
        var first = GitVersion.DescribeRootfsVersion(changed.Path);
        File.WriteAllText(changed["a.txt"], "changed again\n");
        var afterAnotherEdit = GitVersion.DescribeRootfsVersion(changed.Path);

        // Then
        first.Should().Be("v1.2.3-dirty");
        afterAnotherEdit.Should().Be(first, "the inner loop keeps one dist/ folder while the tree is dirty");
        GitVersion.DescribeRootfsVersion(untracked.Path).Should().Be("v1.2.3-dirty");
        GitVersion.DescribeRootfsVersion(ignored.Path).Should().Be("v1.2.3", "ignored build outputs do not make a tree dirty");
    }

    [Fact]
    public void A_folder_inside_a_checkout_is_not_a_checkout()
    {
        using var repo = NewRepository();
        Directory.CreateDirectory(repo["sub"]);

        GitVersion.DescribeRootfsVersion(repo["sub"]).Should().Be("0.0.0-unknown");
    }

    private static TempDirectory NewRepository()
    {
        var repo = new TempDirectory();
        File.WriteAllText(repo["a.txt"], "original\n");
        Git(repo.Path, "init", "-q");
        Git(repo.Path, "add", "a.txt");
        Git(repo.Path, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "first");
        Git(repo.Path, "tag", "v1.2.3");
        return repo;
    }

    private static void Git(string directory, params string[] args)
    {
        var info = new ProcessStartInfo(ExternalTool.Require("git")) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_COMMITTER_DATE"] = "1700000000 +0000";
        info.Environment["GIT_AUTHOR_DATE"] = "1700000000 +0000";
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"git {string.Join(' ', args)} failed: {error}");
    }
}
