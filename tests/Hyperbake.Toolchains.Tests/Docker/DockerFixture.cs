using Hyperbake.Toolchains.Docker;

namespace Hyperbake.Toolchains.Tests.Docker;

/// <summary>
/// One docker runner for the docker tests, with the dtc toolchain image built once. The base image is
/// reused when present (bootstrapped once per machine, cached by tag).
/// </summary>
public sealed class DockerFixture
{
    public DockerFixture()
    {
        Docker = TestEnvironment.RequireDocker();
        Images = new ToolchainImages(Docker, TestEnvironment.Settings, ToolchainImages.FoldersUnder(TestEnvironment.LayersRoot));
        Runner = new DockerToolchainRunner(Docker, Images);
        DtcImage = Images.Ensure("dtc", line => BuildLog.Add(line));
    }

    public DockerCli Docker { get; }

    public ToolchainImages Images { get; }

    public DockerToolchainRunner Runner { get; }

    public string DtcImage { get; }

    public List<string> BuildLog { get; } = [];
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "docker";
}
