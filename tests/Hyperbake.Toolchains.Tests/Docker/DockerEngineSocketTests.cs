using Hyperbake.Testing;
using Hyperbake.Toolchains.Docker;

namespace Hyperbake.Toolchains.Tests.Docker;

[Collection(DockerCollection.Name)]
public sealed class DockerEngineSocketTests(DockerFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_socket_names_the_same_image_id_as_the_command_line()
    {
        var socket = DockerEngineSocket.SocketPath(Environment.GetEnvironmentVariable);
        socket.Should().NotBeNull("dockerd listens on its default socket on this machine");

        var answer = DockerEngineSocket.TryImageId(socket!, fixture.DtcImage, Timeout);

        var cli = ExternalTool.Check("docker", "image", "inspect", "--format", "{{.Id}}", fixture.DtcImage).StdOut.Trim();
        answer.Should().Be((true, cli));
        fixture.Docker.ImageId(fixture.DtcImage).Should().Be(cli);
    }

    [Fact]
    public void A_missing_image_is_not_found_and_an_odd_reference_goes_to_the_command_line()
    {
        var socket = DockerEngineSocket.SocketPath(Environment.GetEnvironmentVariable)!;

        DockerEngineSocket.TryImageId(socket, "hyperbake/no-such-image:never", Timeout).Should().Be((false, (string?)null));
        DockerEngineSocket.TryImageId(socket, "../../containers/json?all=1#", Timeout).Should().BeNull();
        fixture.Docker.ImageId("hyperbake/no-such-image:never").Should().BeNull();
    }

    [Fact]
    public void Only_a_plain_local_socket_is_asked()
    {
        string? Env(string name, string? host = null, string? context = null) => name switch
        {
            "DOCKER_HOST" => host,
            "DOCKER_CONTEXT" => context,
            "DOCKER_CONFIG" => "/nonexistent",
            _ => null,
        };

        DockerEngineSocket.SocketPath(n => Env(n, host: "tcp://10.0.0.1:2375")).Should().BeNull();
        DockerEngineSocket.SocketPath(n => Env(n, context: "remote")).Should().BeNull();
        DockerEngineSocket.SocketPath(n => Env(n, host: "unix:///nonexistent.sock")).Should().BeNull();
        DockerEngineSocket.SocketPath(n => Env(n, host: "unix://" + DockerEngineSocket.DefaultSocket)).Should().Be(DockerEngineSocket.DefaultSocket);
    }
}
