using System.Security.Cryptography;
using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Kernel;

/// <summary>
/// Gets a clean kernel source tree: a tarball pinned by sha256, Debian's <c>linux-source-*</c> package from the
/// feed, or a git URL at a fixed commit. Unpacking runs in the kernel toolchain without network; only the git
/// clone is a fetch step.
/// </summary>
public sealed class KernelSource(IToolchainRunner runner, string toolchain = "kernel")
{
    /// <summary>The file beside an unpacked tree that says it is complete (an interrupted unpack is redone).</summary>
    public const string CompleteMarker = ".complete";

    /// <summary>
    /// What identifies a source's content without unpacking it: the pinned package's sha256, the tarball's
    /// sha256 or the commit. Fingerprints and the unpacked-tree cache are keyed by it.
    /// </summary>
    public static string Identity(KernelSourceReference reference, LockedPackage? package = null) => reference.Kind switch
    {
        KernelSourceKind.Debian => package?.Sha256.ToLowerInvariant()
            ?? throw new ArgumentException($"Kernel source {reference} needs its pinned package to be identified; lock it with ./build.sh --target=UpdateLock."),
        _ => reference.Pin,
    };

    /// <summary>
    /// The unpacked tree of <paramref name="reference"/> under <c>&lt;cacheRoot&gt;/kernel-source/</c>, unpacking it
    /// only the first time (a 6.1 tree is over a gigabyte; the build reads it read-only, so one copy serves all).
    /// </summary>
    public string Prepare(KernelSourceReference reference, string cacheRoot, DebianFeed? feed = null, LockedPackage? package = null, Action<string>? log = null)
    {
        var identity = Identity(reference, package);
        var directory = Path.Combine(cacheRoot, "kernel-source", $"{reference.Kind.ToString().ToLowerInvariant()}-{identity[..16]}");
        var marker = directory + CompleteMarker;
        if (File.Exists(marker) && Directory.Exists(directory))
        {
            return directory;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        File.Delete(marker);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        log?.Invoke($"Unpacking kernel source {reference} into {directory}.");
        switch (reference.Kind)
        {
            case KernelSourceKind.Debian:
                FromDebianPackage(feed ?? throw new ArgumentException($"Kernel source {reference} needs the Debian package feed."), package!, directory, log);
                break;
            case KernelSourceKind.Tarball:
                FromTarball(reference.Location, reference.Pin, directory, log);
                break;
            default:
                FromGit(reference.Location, reference.Pin, directory, log);
                break;
        }

        if (!File.Exists(Path.Combine(directory, "Makefile")) || !Directory.Exists(Path.Combine(directory, "arch")))
        {
            throw new InvalidDataException($"Kernel source {reference} unpacked into {directory} holds no kernel tree (no Makefile and arch/ at its top). Name a kernel source.");
        }

        File.WriteAllText(marker, reference + "\n");
        return directory;
    }

    /// <summary>Checks the tarball's sha256, then unpacks it (top folder stripped) into <paramref name="destination"/>.</summary>
    public string FromTarball(string tarball, string sha256, string destination, Action<string>? log = null)
    {
        using (var file = File.OpenRead(tarball))
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(file));
            if (!actual.Equals(sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"Kernel source {tarball} has sha256 {actual}, but the recipe pins {sha256}. Fix the pin or the download.");
            }
        }

        Directory.CreateDirectory(destination);
        var directory = Path.GetDirectoryName(Path.GetFullPath(tarball))!;
        runner.Run(new ToolchainStep
        {
            Toolchain = toolchain,
            Command = ["tar", "-xf", "/hyperbake/tarball/" + Path.GetFileName(tarball), "-C", "/hyperbake/out", "--strip-components=1", "--no-same-owner"],
            Mounts = [ToolchainMount.Source(directory, "/hyperbake/tarball"), ToolchainMount.Output(Path.GetFullPath(destination), "/hyperbake/out")],
            RequiredTools = ["tar", "xz"],
            Log = log,
        });
        return destination;
    }

    /// <summary>Unpacks the kernel tarball shipped in a pinned Debian <c>linux-source-&lt;version&gt;</c> package.</summary>
    public string FromDebianPackage(DebianFeed feed, LockedPackage linuxSource, string destination, Action<string>? log = null)
    {
        var tree = feed.Extract(linuxSource);
        var entry = tree.Walk().FirstOrDefault(e => e.Path.StartsWith("usr/src/linux-source-", StringComparison.Ordinal) && e.Path.EndsWith(".tar.xz", StringComparison.Ordinal));
        if (entry.Node?.Content is not Imaging.Trees.HostFileContent content)
        {
            throw new InvalidOperationException($"{linuxSource} holds no usr/src/linux-source-*.tar.xz; name a linux-source-<version> package.");
        }

        using var file = File.OpenRead(content.Path);
        return FromTarball(content.Path, Convert.ToHexStringLower(SHA256.HashData(file)), destination, log);
    }

    /// <summary>Clones <paramref name="url"/> at exactly <paramref name="commit"/> (a fetch step: the only one with network).</summary>
    public string FromGit(string url, string commit, string destination, Action<string>? log = null)
    {
        if (commit.Length != 40 || !commit.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"Kernel git source {url} must be pinned by a full 40-digit commit id, not '{commit}'.");
        }

        Directory.CreateDirectory(destination);
        runner.Run(new ToolchainStep
        {
            Toolchain = toolchain,
            Command = ["sh", "-c", "set -e; cd /hyperbake/out; git init -q .; git fetch -q --depth 1 \"$1\" \"$2\"; git checkout -q FETCH_HEAD; test \"$(git rev-parse HEAD)\" = \"$2\"; rm -rf .git", "git-fetch", url, commit],
            Mounts = [ToolchainMount.Output(Path.GetFullPath(destination), "/hyperbake/out")],
            AllowNetwork = true,
            RequiredTools = ["git"],
            Log = log,
        });
        return destination;
    }
}
