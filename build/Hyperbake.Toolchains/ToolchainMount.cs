namespace Hyperbake.Toolchains;

/// <summary>A host folder or file made visible to a step at <see cref="ContainerPath"/>.</summary>
/// <param name="HostPath">Absolute path on the host.</param>
/// <param name="ContainerPath">Absolute path the command sees (also rewritten to the host path by the host backend).</param>
/// <param name="ReadOnly">Sources are read-only; only the step's output folder is writable.</param>
public sealed record ToolchainMount(string HostPath, string ContainerPath, bool ReadOnly = true)
{
    public static ToolchainMount Source(string hostPath, string containerPath) => new(hostPath, containerPath, ReadOnly: true);

    public static ToolchainMount Output(string hostPath, string containerPath) => new(hostPath, containerPath, ReadOnly: false);
}
