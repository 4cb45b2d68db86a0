namespace Hyperbake.Toolchains.Kernel;

/// <summary>
/// A kernel source as recipes and the command line write it: <c>debian:linux-source-6.1</c>,
/// <c>tarball:PATH#SHA256</c> or <c>git:URL#COMMIT</c>.
/// </summary>
/// <param name="Location">The package name, the tarball's absolute path or the git URL.</param>
/// <param name="Pin">Empty for a Debian package (the lock pins it), the tarball's sha256 or the 40-digit commit.</param>
public sealed record KernelSourceReference(KernelSourceKind Kind, string Location, string Pin)
{
    private const string Forms = "Write debian:PACKAGE (e.g. debian:linux-source-6.1), tarball:PATH#SHA256 or git:URL#COMMIT.";

    /// <summary>Parses a reference; a relative tarball path is taken from <paramref name="baseDirectory"/>.</summary>
    public static KernelSourceReference Parse(string text, string baseDirectory)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? "" : text[..colon];
        var rest = colon < 0 ? "" : text[(colon + 1)..];
        switch (scheme)
        {
            case "debian":
                if (rest.Length == 0 || rest.Contains('#', StringComparison.Ordinal) || rest.Contains('/', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Kernel source '{text}' names no Debian package; write debian:linux-source-6.1 (the lock pins the version).");
                }

                return new KernelSourceReference(KernelSourceKind.Debian, rest, "");
            case "tarball":
                var (path, sha) = Split(text, rest, "SHA256");
                if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
                {
                    throw new ArgumentException($"Kernel source '{text}' must pin the tarball by its 64-digit sha256 after '#', not '{sha}'. Get it with sha256sum.");
                }

                return new KernelSourceReference(KernelSourceKind.Tarball, Path.GetFullPath(path, baseDirectory), sha.ToLowerInvariant());
            case "git":
                var (url, commit) = Split(text, rest, "COMMIT");
                if (commit.Length != 40 || !commit.All(char.IsAsciiHexDigit))
                {
                    throw new ArgumentException($"Kernel source '{text}' must pin a full 40-digit commit id after '#', not '{commit}' (a branch or tag can move).");
                }

                return new KernelSourceReference(KernelSourceKind.Git, url, commit.ToLowerInvariant());
            default:
                throw new ArgumentException($"Kernel source '{text}' has no known kind. {Forms}");
        }
    }

    public override string ToString() => Kind switch
    {
        KernelSourceKind.Debian => "debian:" + Location,
        KernelSourceKind.Tarball => $"tarball:{Location}#{Pin}",
        _ => $"git:{Location}#{Pin}",
    };

    private static (string Location, string Pin) Split(string text, string rest, string pinName)
    {
        var hash = rest.LastIndexOf('#');
        if (hash <= 0)
        {
            throw new ArgumentException($"Kernel source '{text}' needs '#{pinName}' after the location. {Forms}");
        }

        return (rest[..hash], rest[(hash + 1)..]);
    }
}
