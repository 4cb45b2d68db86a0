namespace Hyperbake.Model.Knobs;

/// <summary>
/// The default <c>ROOTFS_VERSION</c>: <c>git describe --tags --always</c>, plus <c>-dirty</c> when the
/// tree has uncommitted changes (git's own convention). A dirty version does not change with each
/// edit, so the inner loop keeps building into one dist/ folder and re-runs only the stages whose
/// inputs changed; the manifest's hashes say what the image holds. Never the clock.
/// </summary>
public static class RootfsVersion
{
    /// <summary>The version outside a git checkout.</summary>
    public const string Unknown = "0.0.0-unknown";

    /// <param name="describe">The output of <c>git describe --tags --always</c>.</param>
    /// <param name="dirty">Whether the tree has uncommitted changes (tracked or untracked files).</param>
    public static string Compose(string describe, bool dirty)
    {
        var version = describe.Trim();
        if (version.Length == 0)
        {
            return Unknown;
        }

        return dirty ? version + "-dirty" : version;
    }

    /// <summary>
    /// A version must be usable as one directory name under dist/&lt;arch&gt;/. Returns null when it is,
    /// else why not.
    /// </summary>
    public static string? Problem(string version)
    {
        if (version is "." or "..")
        {
            return "it is a relative directory name";
        }

        foreach (var c in version)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+' or '~'))
            {
                return $"it contains '{c}'; use letters, digits, '.', '-', '_', '+' and '~'";
            }
        }

        return null;
    }
}
