namespace Hyperbake.Toolchains;

/// <summary>Checks shared by both backends: mounts are absolute, sources exist, outputs are created.</summary>
internal static class MountChecks
{
    public static string PrepareHostPath(string toolchain, ToolchainMount mount)
    {
        if (!Path.IsPathRooted(mount.HostPath) || !mount.ContainerPath.StartsWith('/'))
        {
            throw new ArgumentException($"Toolchain '{toolchain}' mount '{mount.HostPath}' -> '{mount.ContainerPath}': both paths must be absolute.");
        }

        if (mount.ContainerPath.Contains(',') || mount.HostPath.Contains(','))
        {
            throw new ArgumentException($"Toolchain '{toolchain}' mount '{mount.HostPath}' -> '{mount.ContainerPath}': paths may not contain ','.");
        }

        var host = Path.GetFullPath(mount.HostPath);
        if (!mount.ReadOnly)
        {
            Directory.CreateDirectory(host);
        }
        else if (!Directory.Exists(host) && !File.Exists(host))
        {
            throw new ArgumentException($"Toolchain '{toolchain}' source mount '{host}' does not exist.");
        }

        return host;
    }
}
