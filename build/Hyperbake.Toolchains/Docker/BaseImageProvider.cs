using Hyperbake.Toolchains.Debian;

namespace Hyperbake.Toolchains.Docker;

/// <summary>
/// Finds the base image every toolchain starts FROM (setting <c>Toolchain_BaseImage</c>): a local image if
/// present, else <c>docker pull</c> (short timeout: a registry is often unreachable), else a bootstrap
/// from Debian packages imported under the same tag, so the next build finds it locally.
/// </summary>
public sealed class BaseImageProvider(DockerCli docker, ToolchainSettings settings, string aptRoot = "/etc/apt")
{
    private readonly Lock gate = new();
    private string? resolvedId;

    /// <summary>The base image id, obtaining the image first when needed.</summary>
    public string EnsureBaseImage(Action<string>? log = null)
    {
        lock (gate)
        {
            return resolvedId ??= Obtain(log);
        }
    }

    private string Obtain(Action<string>? log)
    {
        var tag = settings.BaseImage;
        if (docker.ImageId(tag) is { } local)
        {
            return local;
        }

        log?.Invoke($"Base image {tag} is not present; trying docker pull (timeout {settings.PullTimeout.TotalSeconds:0} s).");
        var pull = docker.Run(["pull", tag], log, settings.PullTimeout);
        if (pull.ExitCode == 0 && docker.ImageId(tag) is { } pulled)
        {
            return pulled;
        }

        var mirror = AptSources.ResolveMirror(settings, aptRoot);
        log?.Invoke($"docker pull {tag} failed; bootstrapping {settings.DebianSuite} from Debian packages.");
        return new DebianBootstrap(docker).BootstrapImage(tag, settings.DebianSuite, mirror, log);
    }
}
