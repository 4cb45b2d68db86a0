using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hyperbake.Toolchains.Docker;

/// <summary>
/// The Docker Engine API on its local Unix socket, for the one question every build asks before
/// its first stage: which image id a tag names. Starting the docker command line costs about
/// 80 ms; the socket answers in about one. It is asked only where the command line would talk to
/// the same socket (no DOCKER_CONTEXT, no context chosen in the CLI's config, DOCKER_HOST unset or
/// unix://); anything unexpected returns null and the caller asks the command line.
/// </summary>
public static partial class DockerEngineSocket
{
    public const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>The socket the docker command line would use, or null when that is not a plain local socket.</summary>
    public static string? SocketPath(Func<string, string?> environment)
    {
        if (environment("DOCKER_CONTEXT") is { Length: > 0 })
        {
            return null;
        }

        var config = environment("DOCKER_CONFIG") is { Length: > 0 } dir
            ? dir
            : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var configFile = Path.Combine(config, "config.json");
        if (File.Exists(configFile) && File.ReadAllText(configFile).Contains("\"currentContext\"", StringComparison.Ordinal))
        {
            return null;
        }

        var path = environment("DOCKER_HOST") switch
        {
            null or "" => DefaultSocket,
            { } host when host.StartsWith("unix://", StringComparison.Ordinal) => host["unix://".Length..],
            _ => null,
        };
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>
    /// <c>GET /images/{reference}/json</c>: the image id (<c>sha256:…</c>), <c>Found = false</c> when
    /// the engine has no such image, or null when the socket did not answer as expected.
    /// </summary>
    public static (bool Found, string? Id)? TryImageId(string socketPath, string reference, TimeSpan timeout)
    {
        if (!ReferencePattern().IsMatch(reference))
        {
            return null;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));

            // HTTP/1.0: the engine closes the connection after the answer, so reading to the end is the framing.
            socket.Send(Encoding.ASCII.GetBytes($"GET /images/{reference}/json HTTP/1.0\r\nHost: docker\r\n\r\n"));
            using var response = new MemoryStream();
            var buffer = new byte[16384];
            int read;
            while ((read = socket.Receive(buffer)) > 0)
            {
                response.Write(buffer, 0, read);
            }

            return Parse(response.GetBuffer().AsSpan(0, (int)response.Length));
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (bool Found, string? Id)? Parse(ReadOnlySpan<byte> response)
    {
        var headerEnd = response.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0 || !response.StartsWith("HTTP/1."u8) || response.Length < 12)
        {
            return null;
        }

        var status = Encoding.ASCII.GetString(response.Slice(9, 3));
        if (status == "404")
        {
            return (false, null);
        }

        if (status != "200")
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(response[(headerEnd + 4)..]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Id"u8))
                {
                    reader.Read();
                    return reader.GetString() is { Length: > 0 } id ? (true, id) : null;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    // What a reference may hold (name, tag, digest); anything else goes to the command line.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/:@-]*$")]
    private static partial Regex ReferencePattern();
}
