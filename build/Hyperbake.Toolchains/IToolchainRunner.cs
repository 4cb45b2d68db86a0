namespace Hyperbake.Toolchains;

/// <summary>Runs toolchain steps: in docker (<see cref="Docker.DockerToolchainRunner"/>) or on the host (<see cref="Host.HostToolchainRunner"/>).</summary>
public interface IToolchainRunner
{
    /// <summary>"docker" or "host", for logs and cache keys.</summary>
    string Backend { get; }

    /// <summary>Runs the step; throws <see cref="ToolchainStepException"/> when it fails.</summary>
    void Run(ToolchainStep step);
}
