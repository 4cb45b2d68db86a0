using Hyperbake.Toolchains.Processes;

namespace Hyperbake.Toolchains.Host;

/// <summary>
/// Runs a step with the host's tools where no docker engine answers (or <c>Toolchain_Backend=host</c>).
/// The command is the same one the docker backend runs: container paths of the mounts are rewritten to
/// their host paths in the arguments, the environment and the working directory. Read-only mounts and
/// the network policy cannot be enforced here; the docker backend is the one that guarantees them.
/// </summary>
/// <param name="findTool">Looks a program up (defaults to PATH); tests substitute it to simulate a missing tool.</param>
public sealed class HostToolchainRunner(Func<string, string?>? findTool = null) : IToolchainRunner
{
    private readonly Func<string, string?> find = findTool ?? HostTools.Find;

    public string Backend => "host";

    public void Run(ToolchainStep step)
    {
        if (step.Command.Count == 0)
        {
            throw new ArgumentException($"Toolchain '{step.Toolchain}' step has an empty command.");
        }

        CheckTools(step, find);
        var mounts = step.Mounts
            .Select(m => (Container: m.ContainerPath.TrimEnd('/'), Host: MountChecks.PrepareHostPath(step.Toolchain, m)))
            .OrderByDescending(m => m.Container.Length)
            .ToList();
        string Map(string text) => RewritePaths(text, mounts);
        var command = step.Command.Select(Map).ToList();
        var environment = step.Environment.ToDictionary(e => e.Key, e => Map(e.Value), StringComparer.Ordinal);
        var workdir = step.WorkingDirectory is { } w ? Map(w) : null;
        if (workdir is not null && !Directory.Exists(workdir))
        {
            throw new ArgumentException($"Toolchain '{step.Toolchain}' working directory '{step.WorkingDirectory}' is not a mount (host path '{workdir}' does not exist).");
        }

        var result = ProcessRunner.Run(find(command[0]) ?? command[0], command.Skip(1), step.Log, workdir, environment, step.Timeout);
        if (result.ExitCode != 0)
        {
            throw new ToolchainStepException(step.Toolchain, step.CommandLine, result.ExitCode, result.LastLines);
        }
    }

    /// <summary>Reports the first missing tool with the Debian package that provides it.</summary>
    public static void CheckTools(ToolchainStep step, Func<string, string?> find)
    {
        foreach (var tool in step.RequiredTools.Prepend(step.Command[0]).Distinct(StringComparer.Ordinal))
        {
            if (find(tool) is null)
            {
                var package = HostToolPackages.PackageFor(tool);
                throw new ToolchainStepException(
                    $"Toolchain '{step.Toolchain}' needs '{tool}' on the host (Toolchain_Backend=host), but it is not installed. " +
                    (package is null
                        ? "Install the package that provides it, or use the docker backend."
                        : $"Install it with: apt-get install {package}"));
            }
        }
    }

    /// <summary>Replaces container paths with host paths where a mount's path starts a path in the text.</summary>
    public static string RewritePaths(string text, IReadOnlyList<(string Container, string Host)> mounts)
    {
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            foreach (var (container, host) in mounts)
            {
                if (string.CompareOrdinal(text, i, container, 0, container.Length) == 0
                    && (i + container.Length == text.Length || !IsPathChar(text[i + container.Length]) || text[i + container.Length] == '/')
                    && (i == 0 || !IsPathChar(text[i - 1]) || IsOptionPrefix(text, i)))
                {
                    result.Append(host);
                    i += container.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }

    private static bool IsPathChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+';

    // "-I/src/include" and "-L/out": a one-letter option glued to its path.
    private static bool IsOptionPrefix(string text, int i) => i >= 2 && text[i - 2] == '-' && char.IsAsciiLetter(text[i - 1]) && (i == 2 || !IsPathChar(text[i - 3]));
}
