using Hyperbake.Host;

namespace Build.Stages.Imaging;

/// <summary>
/// The folder relative paths on the command line mean: the one build.sh was started from (its
/// shell's PWD; the host itself runs in the checkout), else the working directory.
/// </summary>
public static class CallerDirectory
{
    public static string Of(ICakeContext context)
    {
        var pwd = context.Environment.GetEnvironmentVariable("PWD");
        return pwd is { Length: > 0 } && Path.IsPathFullyQualified(pwd) && Directory.Exists(pwd)
            ? pwd
            : context.Environment.WorkingDirectory;
    }

    /// <summary>The absolute path of <paramref name="path"/> (with ~ for the home folder) against <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string path, string baseDirectory)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "");
        }

        return Path.GetFullPath(path, baseDirectory);
    }
}
