namespace Hyperbake.Toolchains.Tests.Debian;

/// <summary>Counts the HTTP requests the feed makes (the "downloads once" checks).</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int count;

    public int Requests => count;

    public List<string> Urls { get; } = [];

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Note(request);
        return base.Send(request, cancellationToken);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Note(request);
        return base.SendAsync(request, cancellationToken);
    }

    private void Note(HttpRequestMessage request)
    {
        Interlocked.Increment(ref count);
        lock (Urls)
        {
            Urls.Add(request.RequestUri!.ToString());
        }
    }
}
