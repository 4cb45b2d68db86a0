using Hyperbake.Toolchains.Docker;
using Hyperbake.Toolchains.Host;

namespace Hyperbake.Toolchains;

/// <summary>Chooses the backend: <c>Toolchain_Backend=docker|host</c>, or docker when an engine answers and host otherwise.</summary>
public static class ToolchainRunners
{
    /// <param name="layersRoot">The checkout's <c>layers/</c> folder; toolchains are its <c>*/toolchains/&lt;name&gt;/</c> folders.</param>
    public static IToolchainRunner Create(ToolchainSettings settings, string layersRoot, Action<string>? log = null)
    {
        var docker = new DockerCli();
        switch (settings.Backend)
        {
            case "host":
                return new HostToolchainRunner();
            case "docker":
                if (!docker.EngineAnswers())
                {
                    throw new ToolchainStepException("Toolchain_Backend=docker, but no docker engine answers 'docker info'. Start dockerd (or use Toolchain_Backend=host).");
                }

                break;
            default:
                if (!docker.EngineAnswers())
                {
                    log?.Invoke("No docker engine answers 'docker info'; toolchain steps run with the host's tools.");
                    return new HostToolchainRunner();
                }

                break;
        }

        return new DockerToolchainRunner(docker, new ToolchainImages(docker, settings, ToolchainImages.FoldersUnder(layersRoot)));
    }
}
