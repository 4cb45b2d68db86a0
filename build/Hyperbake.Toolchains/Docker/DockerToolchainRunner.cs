using Hyperbake.Toolchains.Processes;

namespace Hyperbake.Toolchains.Docker;

/// <summary>
/// Runs a step in its toolchain image: <c>docker run --rm --network none --user uid:gid</c>, sources
/// mounted read-only, one writable output folder, output streamed line by line to the step's log.
/// </summary>
public sealed class DockerToolchainRunner(DockerCli docker, ToolchainImages images) : IToolchainRunner
{
    public string Backend => "docker";

    public ToolchainImages Images => images;

    public void Run(ToolchainStep step)
    {
        var image = images.Ensure(step.Toolchain, step.Log);
        var arguments = Arguments(step, image);
        var result = docker.Run(arguments, step.Log, step.Timeout);
        if (result.ExitCode != 0)
        {
            var hint = result.ExitCode == 125 ? "(exit code 125: docker could not start the container; check the mounts and the image)" : null;
            throw new ToolchainStepException(step.Toolchain, step.CommandLine, result.ExitCode, result.LastLines, hint);
        }
    }

    /// <summary>The <c>docker run</c> arguments for a step (public so the plan can show them).</summary>
    public static IReadOnlyList<string> Arguments(ToolchainStep step, string image)
    {
        if (step.Command.Count == 0)
        {
            throw new ArgumentException($"Toolchain '{step.Toolchain}' step has an empty command.");
        }

        var (uid, gid) = step.User ?? (UnixUser.Uid, UnixUser.Gid);
        List<string> arguments =
        [
            "run", "--rm", "--init",
            "--network", step.AllowNetwork ? "bridge" : "none",
            "--user", $"{uid}:{gid}",
            "--security-opt", "no-new-privileges",
        ];
        foreach (var mount in step.Mounts)
        {
            var host = MountChecks.PrepareHostPath(step.Toolchain, mount);
            arguments.Add("--mount");
            arguments.Add($"type=bind,source={host},target={mount.ContainerPath}{(mount.ReadOnly ? ",readonly" : "")}");
        }

        foreach (var (name, value) in step.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            arguments.Add("--env");
            arguments.Add($"{name}={value}");
        }

        if (step.WorkingDirectory is { } workdir)
        {
            arguments.Add("--workdir");
            arguments.Add(workdir);
        }

        arguments.Add(image);
        arguments.AddRange(step.Command);
        return arguments;
    }
}
