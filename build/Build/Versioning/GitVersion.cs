using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hyperbake.Model.Knobs;

namespace Build.Versioning;

/// <summary>Asks git for the default rootfs version and the last commit time of the checkout.</summary>
internal static class GitVersion
{
    /// <summary>
    /// The default rootfs version, <c>git describe --tags --always</c> with <c>-dirty</c> when
    /// <c>git status</c> lists changed or untracked (not ignored) files (<c>0.0.0-unknown</c> outside a
    /// checkout), and the committer time of HEAD in seconds since the epoch (null outside a
    /// checkout). Two git processes side by side: one <c>git log</c> names the commit as describe
    /// would (<c>%(describe:tags)</c>, else the abbreviated hash, as <c>--always</c>) and gives its
    /// time; <c>git status</c> tells whether the tree is dirty.
    /// </summary>
    public static (string Version, long? CommitTime) Describe(string root)
    {
        if (!IsCheckoutRoot(root))
        {
            return (RootfsVersion.Unknown, null);
        }

        // Side by side: every build waits for the version before its first stage.
        var status = Task.Run(() => Run(root, "status", "--porcelain=v1", "-z", "--untracked-files=normal"));
        if (Run(root, "log", "-1", "--format=%ct%n%(describe:tags)%n%h") is not { } output)
        {
            _ = status.Result;
            return (RootfsVersion.Unknown, null);
        }

        var lines = Encoding.UTF8.GetString(output).Split('\n');
        long? time = long.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        var name = lines.Length > 1 && lines[1].Trim().Length > 0 ? lines[1] : lines.Length > 2 ? lines[2] : "";
        return (RootfsVersion.Compose(name, status.Result is { Length: > 0 }), time);
    }

    /// <summary>The rootfs version part of <see cref="Describe"/>.</summary>
    public static string DescribeRootfsVersion(string root) => Describe(root).Version;

    /// <summary>The commit time part of <see cref="Describe"/>.</summary>
    public static long? LastCommitTime(string root) => Describe(root).CommitTime;

    // A folder inside some other checkout is not a checkout of its own: git's top level is the
    // nearest folder with a .git (a folder, or a file in a worktree), so looking is enough.
    private static bool IsCheckoutRoot(string root)
    {
        var git = Path.Combine(root, ".git");
        return Directory.Exists(git) || File.Exists(git);
    }

    private static byte[]? Run(string root, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LC_ALL"] = "C";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        try
        {
            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            using var output = new MemoryStream();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            _ = stderr.Result;
            return process.ExitCode == 0 ? output.ToArray() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // git is not installed: treat the folder as not a checkout.
            return null;
        }
    }
}
