using System.Security.Cryptography;

namespace Hyperbake.Model.Knobs;

/// <summary>
/// The default <c>ROOTFS_VERSION</c>: <c>git describe --tags --always</c>, plus
/// <c>-dirty-&lt;8 hex digits&gt;</c> of the SHA-256 of the uncommitted changes when there are any, so it
/// stays the same while the tree does not change (never the clock).
/// </summary>
public static class RootfsVersion
{
    /// <summary>The version outside a git checkout.</summary>
    public const string Unknown = "0.0.0-unknown";

    /// <param name="describe">The output of <c>git describe --tags --always</c>.</param>
    /// <param name="changes">The uncommitted changes (diff and untracked files), empty when the tree is clean.</param>
    public static string Compose(string describe, ReadOnlySpan<byte> changes)
    {
        var version = describe.Trim();
        if (version.Length == 0)
        {
            return Unknown;
        }

        return changes.IsEmpty ? version : version + "-dirty-" + DirtyHash(changes);
    }

    /// <summary>The first 8 hex digits (lower case) of the SHA-256 of <paramref name="changes"/>.</summary>
    public static string DirtyHash(ReadOnlySpan<byte> changes) =>
        Convert.ToHexStringLower(SHA256.HashData(changes))[..8];

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
