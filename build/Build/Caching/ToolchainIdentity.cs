using Hyperbake.Toolchains;
using Hyperbake.Toolchains.Docker;
using Hyperbake.Toolchains.Host;
using Hyperbake.Toolchains.Processes;

namespace Build.Caching;

/// <summary>
/// What identifies the tools a toolchain step runs, for fingerprints: with docker, the toolchain
/// image's content tag (its Dockerfile folder and the base image id); with the host's tools, the
/// tool's own version line. The backend is chosen as <see cref="ToolchainRunners.Create"/> does.
/// </summary>
public static class ToolchainIdentity
{
    public static string Of(ToolchainSettings settings, string layersRoot, string toolchain, string tool, Action<string>? log = null)
    {
        var docker = new DockerCli();
        var images = new ToolchainImages(docker, settings, ToolchainImages.FoldersUnder(layersRoot));
        switch (settings.Backend)
        {
            case "host":
                return Host(tool);
            case "docker":
                return "docker " + images.TagOf(toolchain, log);
            default:
                // One question answers both "is there an engine" and "which base image" in the common case.
                if (TryImageId(docker, settings.BaseImage) is { } baseId)
                {
                    return "docker " + ToolchainImageTag.Compute(toolchain, images.FolderOf(toolchain), baseId);
                }

                return docker.EngineAnswers() ? "docker " + images.TagOf(toolchain, log) : Host(tool);
        }
    }

    private static string? TryImageId(DockerCli docker, string image)
    {
        try
        {
            return docker.ImageId(image);
        }
        catch (ToolchainStepException)
        {
            return null;
        }
    }

    private static string Host(string tool)
    {
        if (HostTools.Find(tool) is not { } path)
        {
            return $"host ({tool} missing)";
        }

        var result = ProcessRunner.Run(path, ["--version"], timeout: TimeSpan.FromSeconds(30), captureStandardOutput: true);
        return $"host {result.StandardOutput?.Trim()}";
    }
}
