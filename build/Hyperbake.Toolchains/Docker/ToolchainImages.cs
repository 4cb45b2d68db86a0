using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Docker;

/// <summary>
/// Toolchain images built from Dockerfile folders <c>layers/*/toolchains/&lt;name&gt;/</c>, tagged by content
/// (<see cref="ToolchainImageTag"/>) and rebuilt only when that tag is missing.
/// </summary>
public sealed class ToolchainImages
{
    private readonly DockerCli docker;
    private readonly ToolchainSettings settings;
    private readonly BaseImageProvider baseImages;
    private readonly IReadOnlyList<string> searchFolders;
    private readonly string aptRoot;
    private readonly Dictionary<string, string> ensured = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <param name="searchFolders">Folders holding toolchain folders (<c>layers/&lt;layer&gt;/toolchains</c>), highest priority first.</param>
    public ToolchainImages(DockerCli docker, ToolchainSettings settings, IReadOnlyList<string> searchFolders, string aptRoot = "/etc/apt")
    {
        this.docker = docker;
        this.settings = settings;
        this.searchFolders = searchFolders;
        this.aptRoot = aptRoot;
        baseImages = new BaseImageProvider(docker, settings, aptRoot);
    }

    /// <summary>Every <c>layers/*/toolchains</c> folder under a checkout, in ordinal layer order.</summary>
    public static IReadOnlyList<string> FoldersUnder(string layersRoot) =>
        Directory.Exists(layersRoot)
            ? [.. Directory.GetDirectories(layersRoot).Order(StringComparer.Ordinal).Select(l => Path.Combine(l, "toolchains")).Where(Directory.Exists)]
            : [];

    public BaseImageProvider BaseImages => baseImages;

    /// <summary>The Dockerfile folder of a toolchain; throws naming the folders searched.</summary>
    public string FolderOf(string toolchain)
    {
        foreach (var folder in searchFolders)
        {
            var candidate = Path.Combine(folder, toolchain);
            if (File.Exists(Path.Combine(candidate, "Dockerfile")))
            {
                return candidate;
            }
        }

        throw new ToolchainStepException(
            $"Toolchain '{toolchain}' has no Dockerfile: looked for {string.Join(", ", searchFolders.Select(f => Path.Combine(f, toolchain, "Dockerfile")))}. " +
            $"Add layers/<layer>/toolchains/{toolchain}/Dockerfile (FROM ${{BASE_IMAGE}}).");
    }

    /// <summary>The tag the toolchain's image has (or would have) for the current base image.</summary>
    public string TagOf(string toolchain, Action<string>? log = null) =>
        ToolchainImageTag.Compute(toolchain, FolderOf(toolchain), baseImages.EnsureBaseImage(log));

    /// <summary>Returns the image tag, building the image when no image has that tag yet.</summary>
    public string Ensure(string toolchain, Action<string>? log = null)
    {
        lock (gate)
        {
            if (ensured.TryGetValue(toolchain, out var known))
            {
                return known;
            }

            var folder = FolderOf(toolchain);
            var tag = ToolchainImageTag.Compute(toolchain, folder, baseImages.EnsureBaseImage(log));
            if (docker.ImageId(tag) is null)
            {
                log?.Invoke($"Building toolchain image {tag} from {folder}.");
                List<string> arguments = ["build", "--build-arg", "BASE_IMAGE=" + settings.BaseImage];
                if (TryMirror() is { } mirror)
                {
                    arguments.AddRange(["--build-arg", "DEBIAN_MIRROR=" + mirror]);
                }

                arguments.AddRange(["--label", "org.hyperbake.toolchain=" + toolchain, "-t", tag, folder]);
                docker.Check(arguments, $"docker build of toolchain '{toolchain}'", log, TimeSpan.FromHours(2));
            }

            ensured[toolchain] = tag;
            return tag;
        }
    }

    private string? TryMirror()
    {
        try
        {
            return AptSources.ResolveMirror(settings, aptRoot);
        }
        catch (InvalidOperationException)
        {
            // The base image's own sources are used then.
            return null;
        }
    }
}
