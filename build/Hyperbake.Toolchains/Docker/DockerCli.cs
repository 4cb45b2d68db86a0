using Hyperbake.Toolchains.Processes;

namespace Hyperbake.Toolchains.Docker;

/// <summary>
/// The <c>docker</c> command line, the way Hyperbake talks to the engine (an image's id is asked
/// of the engine's socket when the command line would use it too: <see cref="DockerEngineSocket"/>).
/// </summary>
public sealed class DockerCli(string program = "docker")
{
    public string Program => program;

    /// <summary>True when an engine answers <c>docker info</c> within a few seconds.</summary>
    public bool EngineAnswers()
    {
        try
        {
            return Run(["info", "--format", "{{.ServerVersion}}"], timeout: TimeSpan.FromSeconds(15)).ExitCode == 0;
        }
        catch (ToolchainStepException)
        {
            // No docker program at all.
            return false;
        }
    }

    /// <summary>The image id (<c>sha256:…</c>) of a local image, or null when it is not present.</summary>
    public string? ImageId(string reference)
    {
        if (program == "docker" && DockerEngineSocket.SocketPath(Environment.GetEnvironmentVariable) is { } socket
            && DockerEngineSocket.TryImageId(socket, reference, TimeSpan.FromSeconds(30)) is { } answer)
        {
            return answer.Id;
        }

        var result = Run(["image", "inspect", "--format", "{{.Id}}", reference], timeout: TimeSpan.FromSeconds(30), capture: true);
        return result.ExitCode == 0 && result.StandardOutput!.Trim() is { Length: > 0 } id ? id : null;
    }

    public ProcessResult Run(IEnumerable<string> arguments, Action<string>? sink = null, TimeSpan? timeout = null, bool capture = false) =>
        ProcessRunner.Run(program, arguments, sink, timeout: timeout, captureStandardOutput: capture);

    /// <summary>Runs a docker command and throws with its last lines when it fails.</summary>
    public ProcessResult Check(IReadOnlyList<string> arguments, string what, Action<string>? sink = null, TimeSpan? timeout = null, bool capture = false)
    {
        var result = Run(arguments, sink, timeout, capture);
        if (result.ExitCode != 0)
        {
            throw new ToolchainStepException(what, program + " " + string.Join(' ', arguments.Select(ProcessArguments.Quote)), result.ExitCode, result.LastLines);
        }

        return result;
    }
}
